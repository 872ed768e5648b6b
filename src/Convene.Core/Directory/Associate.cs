using Convene.Core.Common;
using NodaTime;

namespace Convene.Core.Directory;

/// <summary>A diary owner: an employee who signs in, or a resource (room, equipment) that is booked.</summary>
public sealed class Associate
{
    private Associate()
    {
        Name = "";
        TimeZone = DefaultTimeZone;
    }

    public const string DefaultTimeZone = "Europe/Oslo";

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Sign-in name; null for resources.</summary>
    public string? UserName { get; private set; }

    public AssociateKind Kind { get; private set; }

    /// <summary>A resource that is a place (meeting room); it can fill a meeting's location.</summary>
    public bool IsLocation { get; private set; }

    /// <summary>The employee's own person record, when the company keeps one.</summary>
    public int? PersonId { get; private set; }

    public string? Email { get; private set; }

    public string? PasswordHash { get; private set; }

    public bool IsAdministrator { get; private set; }

    public bool IsActive { get; private set; }

    /// <summary>A resource that refuses overlapping bookings instead of flagging them (off by default, as in the seeds).</summary>
    public bool RejectConflicts { get; private set; }

    /// <summary>IANA time zone of the associate (used for working hours and new meetings).</summary>
    public string TimeZone { get; private set; }

    public Instant Registered { get; private set; }

    public Instant Updated { get; private set; }

    public bool IsResource => Kind == AssociateKind.Resource;

    public static Result<Associate> CreateEmployee(string name, string userName, string? email, bool isAdministrator, string? timeZone, Instant now)
    {
        var error = ValidateName(name) ?? ValidateUserName(userName) ?? ValidateEmail(email) ?? ValidateTimeZone(timeZone);
        if (error is not null)
        {
            return error;
        }

        return new Associate
        {
            Name = name.Trim(),
            UserName = NormalizeUserName(userName),
            Email = NormalizeEmail(email),
            Kind = AssociateKind.Employee,
            IsAdministrator = isAdministrator,
            IsActive = true,
            TimeZone = timeZone ?? DefaultTimeZone,
            Registered = now,
            Updated = now,
        };
    }

    public static Result<Associate> CreateResource(string name, bool isLocation, string? timeZone, Instant now)
    {
        var error = ValidateName(name) ?? ValidateTimeZone(timeZone);
        if (error is not null)
        {
            return error;
        }

        return new Associate
        {
            Name = name.Trim(),
            Kind = AssociateKind.Resource,
            IsLocation = isLocation,
            IsActive = true,
            TimeZone = timeZone ?? DefaultTimeZone,
            Registered = now,
            Updated = now,
        };
    }

    public Result<Unit> SetRejectConflicts(bool reject, Instant now)
    {
        if (!IsResource && reject)
        {
            return Error.Validation("associate.employee_cannot_reject_conflicts", "Only a resource can refuse overlapping bookings.", "rejectConflicts");
        }

        RejectConflicts = reject;
        Updated = now;
        return Unit.Value;
    }

    public Result<Unit> Edit(string? name, string? email, bool? isAdministrator, bool? isLocation, string? timeZone, Instant now)
    {
        var error = (name is null ? null : ValidateName(name))
            ?? (email is null ? null : ValidateEmail(email))
            ?? ValidateTimeZone(timeZone);
        if (error is not null)
        {
            return error;
        }

        if (IsResource && isAdministrator == true)
        {
            return Error.Validation("associate.resource_cannot_be_administrator", "A resource cannot be an administrator.", "isAdministrator");
        }

        if (!IsResource && isLocation == true)
        {
            return Error.Validation("associate.employee_cannot_be_location", "Only a resource can be a location.", "isLocation");
        }

        Name = name?.Trim() ?? Name;
        Email = email is null ? Email : NormalizeEmail(email);
        IsAdministrator = isAdministrator ?? IsAdministrator;
        IsLocation = isLocation ?? IsLocation;
        TimeZone = timeZone ?? TimeZone;
        Updated = now;
        return Unit.Value;
    }

    public void SetActive(bool active, Instant now)
    {
        IsActive = active;
        Updated = now;
    }

    public void SetPasswordHash(string hash, Instant now)
    {
        PasswordHash = hash;
        Updated = now;
    }

    public void LinkPerson(int personId) => PersonId = personId;

    /// <summary>User names are case-insensitive: stored and looked up in lower case.</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().ToLowerInvariant();

    private static Error? ValidateName(string name) =>
        string.IsNullOrWhiteSpace(name) ? Error.Validation("associate.name_required", "A name is required.", "name")
        : name.Trim().Length > Limits.NameLength ? Error.Validation("associate.name_too_long", $"A name has at most {Limits.NameLength} characters.", "name")
        : null;

    private static Error? ValidateUserName(string userName)
    {
        if (string.IsNullOrWhiteSpace(userName))
        {
            return Error.Validation("associate.user_name_required", "A user name is required for an employee.", "userName");
        }

        var trimmed = userName.Trim();
        if (trimmed.Length > Limits.UserNameLength || !trimmed.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            return Error.Validation("associate.user_name_invalid", $"A user name has 1 to {Limits.UserNameLength} letters, digits or . - _ @.", "userName");
        }

        return null;
    }

    internal static Error? ValidateEmail(string? email) =>
        email is null || email.Length == 0 ? null
        : email.Length > Limits.EmailLength || !IsPlausibleEmail(email) ? Error.Validation("email.invalid", "The e-mail address is not valid.", "email")
        : null;

    internal static string? NormalizeEmail(string? email) => string.IsNullOrWhiteSpace(email) ? null : email.Trim();

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < email.Length - 1 && email.IndexOf('@', at + 1) < 0 && !email.Any(char.IsWhiteSpace);
    }

    private static Error? ValidateTimeZone(string? timeZone) =>
        timeZone is null || DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is not null
            ? null
            : Error.Validation("associate.time_zone_unknown", $"'{timeZone}' is not an IANA time zone.", "timeZone");
}
