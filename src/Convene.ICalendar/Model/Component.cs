namespace Convene.ICalendar;

/// <summary>
/// A calendar component (RFC 5545 §3.4, §3.6): <c>BEGIN:NAME</c> … <c>END:NAME</c> with properties and
/// nested components. Generic, so unknown components (VALARM, VTODO, X- components) round-trip unchanged.
/// </summary>
public sealed class Component
{
    /// <summary>Creates an empty component; the name is normalised to upper case.</summary>
    public Component(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Name = name.ToUpperInvariant();
    }

    /// <summary>Upper-case component name, e.g. <c>VEVENT</c>.</summary>
    public string Name { get; }

    /// <summary>Properties in document order.</summary>
    public List<Property> Properties { get; } = [];

    /// <summary>Nested components in document order.</summary>
    public List<Component> Components { get; } = [];

    /// <summary>Line number of the BEGIN line, or 0 when built in code.</summary>
    public int LineNumber { get; init; }

    /// <summary>First property with the given (case-insensitive) name, or null.</summary>
    public Property? GetProperty(string name) =>
        Properties.Find(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>All properties with the given (case-insensitive) name.</summary>
    public IEnumerable<Property> GetProperties(string name) =>
        Properties.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>All direct sub-components with the given (case-insensitive) name.</summary>
    public IEnumerable<Component> GetComponents(string name) =>
        Components.Where(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Deep copy.</summary>
    public Component Clone()
    {
        var copy = new Component(Name) { LineNumber = LineNumber };
        copy.Properties.AddRange(Properties.Select(p => p.Clone()));
        copy.Components.AddRange(Components.Select(c => c.Clone()));
        return copy;
    }

    /// <summary>Structural equality (names, properties, parameters and sub-components, in order), ignoring line numbers.</summary>
    public bool StructurallyEquals(Component? other)
    {
        if (other is null
            || !string.Equals(Name, other.Name, StringComparison.Ordinal)
            || Properties.Count != other.Properties.Count
            || Components.Count != other.Components.Count)
        {
            return false;
        }

        for (var i = 0; i < Properties.Count; i++)
        {
            if (!Properties[i].StructurallyEquals(other.Properties[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < Components.Count; i++)
        {
            if (!Components[i].StructurallyEquals(other.Components[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
