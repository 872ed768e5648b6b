using Convene.Core.Directory;

namespace Convene.Core.Identity;

/// <summary>Password hashing (ASP.NET Core's PBKDF2 hasher in production).</summary>
public interface IPasswordHasher
{
    string Hash(Associate associate, string password);

    /// <summary>Checks a password; <paramref name="needsRehash"/> says the stored hash uses outdated parameters.</summary>
    bool Verify(Associate associate, string hash, string password, out bool needsRehash);
}
