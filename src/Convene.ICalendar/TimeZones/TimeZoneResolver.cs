using System.Collections.Frozen;
using NodaTime;
using NodaTime.TimeZones;

namespace Convene.ICalendar;

/// <summary>
/// Resolves TZID parameter values (RFC 5545 §3.2.19) to NodaTime zones: IANA ids from tzdb (also
/// case-insensitively), Windows zone names as Outlook sends them (via the CLDR mapping shipped with NodaTime),
/// Mozilla-style prefixed ids (<c>/mozilla.org/20070129_1/Europe/Berlin</c>), and finally a VTIMEZONE
/// defined in the same calendar.
/// </summary>
public sealed class TimeZoneResolver
{
    private static readonly Lazy<FrozenDictionary<string, string>> TzdbIdsIgnoreCase = new(() =>
        DateTimeZoneProviders.Tzdb.Ids.ToFrozenDictionary(id => id, id => id, StringComparer.OrdinalIgnoreCase));

    private readonly Dictionary<string, VTimeZone> _definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeZone? Zone, string? Error)> _cache = new(StringComparer.Ordinal);

    // Shared by every VTIMEZONE this resolver evaluates (one per parsed calendar): hostile input can define thousands.
    private int _workBudget = VTimeZoneEvaluator.MaxWorkPerCalendar;

    /// <summary>A resolver that also knows the given VTIMEZONE definitions.</summary>
    public TimeZoneResolver(IEnumerable<VTimeZone>? definitions = null)
    {
        foreach (var definition in definitions ?? [])
        {
            _definitions.TryAdd(definition.TzId, definition);
        }
    }

    /// <summary>
    /// Resolves an IANA id, a Windows zone name or a prefixed IANA id without looking at any VTIMEZONE.
    /// Returns null when unknown.
    /// </summary>
    public static DateTimeZone? ResolveWellKnown(string? tzId)
    {
        if (string.IsNullOrWhiteSpace(tzId))
        {
            return null;
        }

        var id = tzId.Trim();
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        if (zone is not null)
        {
            return zone;
        }

        if (TzdbIdsIgnoreCase.Value.TryGetValue(id, out var canonical))
        {
            return DateTimeZoneProviders.Tzdb.GetZoneOrNull(canonical);
        }

        // Outlook/Exchange send Windows ids such as "W. Europe Standard Time".
        if (TzdbDateTimeZoneSource.Default.WindowsToTzdbIds.TryGetValue(id, out var fromWindows))
        {
            return DateTimeZoneProviders.Tzdb.GetZoneOrNull(fromWindows);
        }

        // Lightning/Thunderbird and some CalDAV servers prefix the IANA id with a vendor path.
        if (id.StartsWith('/'))
        {
            var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
            for (var take = Math.Min(3, segments.Length - 1); take >= 1; take--)
            {
                var candidate = string.Join('/', segments[^take..]);
                if (TzdbIdsIgnoreCase.Value.TryGetValue(candidate, out var suffix))
                {
                    return DateTimeZoneProviders.Tzdb.GetZoneOrNull(suffix);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Resolves a TZID, falling back to a VTIMEZONE known to this resolver when the id is not well known.
    /// Returns false with a reason when the TZID is unknown or its VTIMEZONE cannot be evaluated.
    /// </summary>
    public bool TryResolve(string tzId, out DateTimeZone? zone, out string? error)
    {
        ArgumentNullException.ThrowIfNull(tzId);
        if (!_cache.TryGetValue(tzId, out var entry))
        {
            entry = Resolve(tzId);
            _cache[tzId] = entry;
        }

        zone = entry.Zone;
        error = entry.Error;
        return zone is not null;
    }

    private (DateTimeZone? Zone, string? Error) Resolve(string tzId)
    {
        var known = ResolveWellKnown(tzId);
        if (known is not null)
        {
            return (known, null);
        }

        if (_definitions.TryGetValue(tzId, out var definition))
        {
            return VTimeZoneEvaluator.TryCreate(definition, ref _workBudget, out var zone, out var error) ? (zone, null) : (null, error);
        }

        return (null, "TZID '" + Text.ContentLineReader.Truncate(tzId) + "' is neither a tzdb id nor a Windows zone name, and the calendar has no VTIMEZONE for it.");
    }
}
