using Convene.ICalendar.Text;

namespace Convene.ICalendar;

/// <summary>
/// One content line (RFC 5545 §3.1): a name, parameters and the raw value text.
/// The value is kept exactly as written (still TEXT-escaped), so unknown properties round-trip
/// losslessly; use <see cref="GetText"/> / <see cref="FromText"/> for TEXT values.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Justification = "RFC 5545 calls it a property; C# is the only consumer.")]
public sealed class Property
{
    /// <summary>Creates a property; the name is normalised to upper case (§3.1: names are case-insensitive).</summary>
    public Property(string name, string value, params IEnumerable<Parameter> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(parameters);
        Name = name.ToUpperInvariant();
        Value = value;
        Parameters = [.. parameters];
    }

    /// <summary>Upper-case property name.</summary>
    public string Name { get; }

    /// <summary>Raw value text as it appears after the colon (unfolded, not unescaped).</summary>
    public string Value { get; set; }

    /// <summary>Parameters in their original order.</summary>
    public List<Parameter> Parameters { get; }

    /// <summary>1-based physical line number where the property started, or 0 when built in code.</summary>
    public int LineNumber { get; init; }

    /// <summary>Creates a property holding a TEXT value, escaping it per RFC 5545 §3.3.11.</summary>
    public static Property FromText(string name, string text, params IEnumerable<Parameter> parameters) =>
        new(name, TextEscaping.Escape(text), parameters);

    /// <summary>The value unescaped as TEXT (RFC 5545 §3.3.11).</summary>
    public string GetText() => TextEscaping.Unescape(Value);

    /// <summary>First parameter with the given (case-insensitive) name, or null.</summary>
    public Parameter? GetParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    /// <summary>First value of the named parameter, or null when absent.</summary>
    public string? GetParameterValue(string name) => GetParameter(name)?.Value;

    /// <summary>Replaces any parameter of that name with a single-valued one.</summary>
    public void SetParameter(string name, string value)
    {
        RemoveParameter(name);
        Parameters.Add(new Parameter(name, value));
    }

    /// <summary>Removes every parameter with the given name.</summary>
    public void RemoveParameter(string name) =>
        Parameters.RemoveAll(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Deep copy (line number included).</summary>
    public Property Clone() => new(Name, Value, Parameters.Select(p => p.Clone())) { LineNumber = LineNumber };

    /// <summary>Structural equality ignoring line numbers.</summary>
    public bool StructurallyEquals(Property? other)
    {
        if (other is null
            || !string.Equals(Name, other.Name, StringComparison.Ordinal)
            || !string.Equals(Value, other.Value, StringComparison.Ordinal)
            || Parameters.Count != other.Parameters.Count)
        {
            return false;
        }

        for (var i = 0; i < Parameters.Count; i++)
        {
            if (!Parameters[i].StructurallyEquals(other.Parameters[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => ContentLineWriter.Format(this);
}
