using System.Security.Cryptography;
using System.Text;
using Convene.Core.Common;
using Convene.Core.Ports;
using NodaTime;

namespace Convene.Core.Identity;

/// <summary>A token just issued: the only moment the plain token exists on the server.</summary>
public sealed record IssuedToken(string Token, int AssociateId, Instant ExpiresAt);

/// <summary>Signs associates in with user name and password and resolves bearer tokens.</summary>
public sealed class AuthService(IDirectoryStore directory, IAuthTokenStore tokens, IPasswordHasher hasher, IUnitOfWork unitOfWork, IClock clock, AuthTokenCache? cache = null)
{
    /// <summary>How long a token lives unless revoked.</summary>
    public static readonly Duration TokenLifetime = Duration.FromDays(30);

    private static readonly Error BadCredentials = Error.Unauthorized("auth.invalid_credentials", "The user name or password is wrong.");

    public Task<Result<IssuedToken>> IssueAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Task.FromResult<Result<IssuedToken>>(Error.Validation("auth.credentials_required", "userName and password are required.", "userName"));
        }

        return IssueCheckedAsync(userName.Trim(), password, cancellationToken);
    }

    // The password is checked before the transaction: PBKDF2 is deliberately slow and must not hold a write lock.
    private async Task<Result<IssuedToken>> IssueCheckedAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var found = await directory.FindAssociateByUserNameAsync(userName, cancellationToken);
        if (found is null || found.PasswordHash is null || found.IsResource)
        {
            return BadCredentials;
        }

        if (!hasher.Verify(found, found.PasswordHash, password, out var needsRehash))
        {
            return BadCredentials;
        }

        if (!found.IsActive)
        {
            return Error.Unauthorized("auth.deactivated", "This associate is deactivated.");
        }

        var rehash = needsRehash ? hasher.Hash(found, password) : null;
        return await unitOfWork.InTransactionAsync<IssuedToken>(async ct =>
        {
            var associate = await directory.FindAssociateAsync(found.Id, ct);
            if (associate is null || !associate.IsActive || associate.PasswordHash != found.PasswordHash)
            {
                return BadCredentials; // deactivated or password changed while we were checking
            }

            var now = clock.GetCurrentInstant();
            if (rehash is not null)
            {
                associate.SetPasswordHash(rehash, now);
            }

            var token = NewToken();
            var stored = AuthToken.Create(associate.Id, HashToken(token), now, TokenLifetime);
            tokens.Add(stored);
            return new IssuedToken(token, associate.Id, stored.ExpiresAt);
        }, cancellationToken);
    }

    /// <summary>The viewer a bearer token stands for, or Unauthorized.</summary>
    public async Task<Result<Viewer>> AuthenticateAsync(string token, CancellationToken cancellationToken)
    {
        var hash = HashToken(token);
        var now = clock.GetCurrentInstant();
        if (cache is not null && cache.TryGet(hash, now, out var cached))
        {
            return cached;
        }

        var generation = cache?.Generation ?? 0;
        var holder = await tokens.FindHolderAsync(hash, cancellationToken);
        if (holder is null || !holder.IsValidAt(now))
        {
            return Error.Unauthorized("auth.invalid_token", "The token is unknown, expired or revoked.");
        }

        if (!holder.IsActive)
        {
            return Error.Unauthorized("auth.deactivated", "This associate is deactivated.");
        }

        var viewer = new Viewer(holder.AssociateId, holder.IsAdministrator);
        cache?.Add(hash, viewer, holder.ExpiresAt, now, generation);
        return viewer;
    }

    /// <summary>Revokes the token (sign-out). Revoking an unknown or revoked token succeeds.</summary>
    public async Task<Result<Unit>> RevokeAsync(string token, CancellationToken cancellationToken)
    {
        var revoked = await unitOfWork.InTransactionAsync<Unit>(async ct =>
        {
            var stored = await tokens.FindByHashAsync(HashToken(token), ct);
            stored?.Revoke(clock.GetCurrentInstant());
            return Unit.Value;
        }, cancellationToken);
        cache?.Invalidate(); // after the commit: a request reading the token meanwhile cannot cache it (Generation)
        return revoked;
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    // 256 random bits, URL-safe.
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
