namespace Convene.ICalendar;

/// <summary>
/// A property parameter (RFC 5545 §3.2): a case-insensitive name and one or more values.
/// Values are stored decoded (no surrounding quotes, RFC 6868 caret escapes resolved).
/// </summary>
public sealed class Parameter
{
    /// <summary>Creates a parameter; the name is normalised to upper case (names are case-insensitive, §3.2).</summary>
    public Parameter(string name, params IEnumerable<string> values)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(values);
        Name = name.ToUpperInvariant();
        Values = [.. values];
    }

    /// <summary>Upper-case parameter name, e.g. <c>CN</c> or <c>X-MS-OLK-FOO</c>.</summary>
    public string Name { get; }

    /// <summary>The parameter values; most parameters have exactly one.</summary>
    public List<string> Values { get; }

    /// <summary>The first value, or an empty string when there is none.</summary>
    public string Value => Values.Count > 0 ? Values[0] : string.Empty;

    /// <summary>Deep copy.</summary>
    public Parameter Clone() => new(Name, Values);

    /// <summary>Structural equality: same name and same values in the same order (ordinal).</summary>
    public bool StructurallyEquals(Parameter? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && Values.SequenceEqual(other.Values, StringComparer.Ordinal);

    /// <inheritdoc />
    public override string ToString() => Name + "=" + string.Join(',', Values);
}
