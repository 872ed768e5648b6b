using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Directory;

/// <summary>A contact person at a company. Invited to meetings as an external participant (no diary).</summary>
public sealed class Person
{
    private Person()
    {
        Name = "";
    }

    public int Id { get; private set; }

    public int ContactId { get; private set; }

    public string Name { get; private set; }

    public string? Email { get; private set; }

    public bool IsActive { get; private set; }

    public Instant Registered { get; private set; }

    public Instant Updated { get; private set; }

    public static Result<Person> Create(int contactId, string name, string? email, Instant now)
    {
        var error = ValidateName(name) ?? Associate.ValidateEmail(email);
        return error is not null
            ? error
            : new Person { ContactId = contactId, Name = name.Trim(), Email = Associate.NormalizeEmail(email), IsActive = true, Registered = now, Updated = now };
    }

    public Result<Unit> Edit(string? name, string? email, int? contactId, bool? active, Instant now)
    {
        var error = (name is null ? null : ValidateName(name)) ?? (email is null ? null : Associate.ValidateEmail(email));
        if (error is not null)
        {
            return error;
        }

        Name = name?.Trim() ?? Name;
        Email = email is null ? Email : Associate.NormalizeEmail(email);
        ContactId = contactId ?? ContactId;
        IsActive = active ?? IsActive;
        Updated = now;
        return Unit.Value;
    }

    private static Error? ValidateName(string name) =>
        string.IsNullOrWhiteSpace(name) ? Error.Validation("person.name_required", "A name is required.", "name")
        : name.Trim().Length > Limits.NameLength ? Error.Validation("person.name_too_long", $"A name has at most {Limits.NameLength} characters.", "name")
        : null;
}
