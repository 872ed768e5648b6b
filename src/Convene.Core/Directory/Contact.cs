using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Directory;

/// <summary>A company in the CRM. External persons belong to one.</summary>
public sealed class Contact
{
    private Contact()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public bool IsActive { get; private set; }

    public Instant Registered { get; private set; }

    public Instant Updated { get; private set; }

    public static Result<Contact> Create(string name, Instant now)
    {
        var error = ValidateName(name);
        return error is not null ? error : new Contact { Name = name.Trim(), IsActive = true, Registered = now, Updated = now };
    }

    public Result<Unit> Edit(string? name, bool? active, Instant now)
    {
        if (name is not null && ValidateName(name) is { } error)
        {
            return error;
        }

        Name = name?.Trim() ?? Name;
        IsActive = active ?? IsActive;
        Updated = now;
        return Unit.Value;
    }

    private static Error? ValidateName(string name) =>
        string.IsNullOrWhiteSpace(name) ? Error.Validation("contact.name_required", "A name is required.", "name")
        : name.Trim().Length > Limits.NameLength ? Error.Validation("contact.name_too_long", $"A name has at most {Limits.NameLength} characters.", "name")
        : null;
}
