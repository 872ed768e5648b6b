using System.Collections.Concurrent;
using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Identity;

/// <summary>
/// Bearer tokens this process has resolved in the last <see cref="Lifetime"/>, so that a client's next requests skip
/// the token read (docs/adr/0029-authentication-cache.md). Revocations and associate edits made through this process
/// empty it the moment they commit; those made elsewhere (another server on the same PostgreSQL database, the CLI on
/// the SQLite file) are seen within <see cref="Lifetime"/>. A cached token is never used past its own expiry.
/// </summary>
public sealed class AuthTokenCache
{
    /// <summary>How long a resolved token is trusted without reading it again: the bound on seeing another process's revocation.</summary>
    public static readonly Duration Lifetime = Duration.FromSeconds(2);

    // Far more than there are signed-in clients; beyond it the cache starts over rather than grow without bound.
    private const int MaxEntries = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Read before looking a token up; <see cref="Add"/> keeps the result only if nothing was invalidated since.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string tokenHash, Instant now, out Viewer viewer)
    {
        if (_entries.TryGetValue(tokenHash, out var entry) && entry.Generation == Generation && now < entry.TrustedUntil && now < entry.ExpiresAt)
        {
            viewer = entry.Viewer;
            return true;
        }

        viewer = null!;
        return false;
    }

    /// <summary>
    /// Remembers a token found valid at <paramref name="now"/> by a read that started at <paramref name="generation"/>:
    /// a revocation that committed during that read has raised the generation, and the entry is never used.
    /// </summary>
    public void Add(string tokenHash, Viewer viewer, Instant expiresAt, Instant now, long generation)
    {
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[tokenHash] = new Entry(viewer, expiresAt, now + Lifetime, generation);
    }

    /// <summary>Forgets every token: called after a revocation or an associate's edit has committed.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(Viewer Viewer, Instant ExpiresAt, Instant TrustedUntil, long Generation);
}
