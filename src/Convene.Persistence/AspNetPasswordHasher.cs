using Convene.Core.Directory;
using Microsoft.AspNetCore.Identity;

namespace Convene.Persistence;

/// <summary>ASP.NET Core Identity's PBKDF2 password hasher behind the Core port.</summary>
internal sealed class AspNetPasswordHasher : Core.Identity.IPasswordHasher
{
    private readonly PasswordHasher<Associate> _hasher = new();

    public string Hash(Associate associate, string password) => _hasher.HashPassword(associate, password);

    public bool Verify(Associate associate, string hash, string password, out bool needsRehash)
    {
        var result = _hasher.VerifyHashedPassword(associate, hash, password);
        needsRehash = result == PasswordVerificationResult.SuccessRehashNeeded;
        return result != PasswordVerificationResult.Failed;
    }
}
