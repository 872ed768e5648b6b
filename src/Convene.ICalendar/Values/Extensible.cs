using System.Collections.Frozen;
using System.Reflection;

namespace Convene.ICalendar;

/// <summary>Maps an enum member to its iCalendar token (e.g. <c>NeedsAction</c> ↔ <c>NEEDS-ACTION</c>).</summary>
[AttributeUsage(AttributeTargets.Field)]
internal sealed class TokenAttribute(string token) : Attribute
{
    public string Token { get; } = token;
}

/// <summary>
/// An enumerated iCalendar value that is either a known <typeparamref name="TEnum"/> member or an unknown token
/// (an x-name or a future IANA token) preserved verbatim, as RFC 5545 §3.2 requires for PARTSTAT, CUTYPE, ROLE etc.
/// Converts implicitly from <typeparamref name="TEnum"/>, so <c>attendee.ParticipationStatus = ParticipationStatus.Accepted</c> works.
/// </summary>
public readonly record struct Extensible<TEnum>
    where TEnum : struct, Enum
{
    private readonly string? _token;

    /// <summary>A known value.</summary>
    public Extensible(TEnum value)
    {
        Known = value;
        _token = TokenTable<TEnum>.ToToken.TryGetValue(value, out var token)
            ? token
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined " + typeof(TEnum).Name + " value.");
    }

    /// <summary>
    /// From a token as found in iCalendar text (case-insensitive). A known token yields a known value; anything
    /// else is kept, upper-cased, as an unknown token.
    /// </summary>
    public Extensible(string token)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var trimmed = token.Trim();
        if (TokenTable<TEnum>.FromToken.TryGetValue(trimmed, out var known))
        {
            Known = known;
            _token = TokenTable<TEnum>.ToToken[known];
        }
        else
        {
            Known = null;
            _token = trimmed.ToUpperInvariant();
        }
    }

    /// <summary>The known member, or null for an unknown token.</summary>
    public TEnum? Known { get; }

    /// <summary>The iCalendar token, e.g. <c>ACCEPTED</c> or <c>X-MYCLIENT-MAYBE</c>.</summary>
    public string Token => _token ?? string.Empty;

    /// <summary>True when the token is one of the known members.</summary>
    public bool IsKnown => Known.HasValue;

    /// <summary>Wraps a known value.</summary>
    public static implicit operator Extensible<TEnum>(TEnum value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Token;
}

internal static class TokenTable<TEnum>
    where TEnum : struct, Enum
{
    public static readonly FrozenDictionary<TEnum, string> ToToken = Build();

    public static readonly FrozenDictionary<string, TEnum> FromToken =
        ToToken.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    private static FrozenDictionary<TEnum, string> Build()
    {
        var map = new Dictionary<TEnum, string>();
        foreach (var field in typeof(TEnum).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var token = field.GetCustomAttribute<TokenAttribute>()?.Token ?? field.Name.ToUpperInvariant();
            map[(TEnum)field.GetValue(null)!] = token;
        }

        return map.ToFrozenDictionary();
    }
}
