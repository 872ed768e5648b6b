namespace Convene.Core.Identity;

public interface IAuthTokenStore
{
    void Add(AuthToken token);

    Task<AuthToken?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Revokes every live token of the associate (on deactivation or password change).</summary>
    Task<int> RevokeAllAsync(int associateId, NodaTime.Instant now, CancellationToken cancellationToken);
}
