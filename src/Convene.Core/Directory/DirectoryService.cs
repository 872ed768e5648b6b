using Convene.Core.Common;
using Convene.Core.Identity;
using Convene.Core.Ports;
using NodaTime;

namespace Convene.Core.Directory;

/// <summary>A new employee or resource, as an administrator enters it.</summary>
public sealed record NewAssociate(
    string Name,
    AssociateKind Kind,
    string? UserName,
    string? Password,
    string? Email,
    bool IsAdministrator,
    bool IsLocation,
    string? TimeZone,
    bool RejectConflicts = false);

/// <summary>Changes to an associate; null keeps the value.</summary>
public sealed record AssociateEdit(
    string? Name = null,
    string? Email = null,
    string? Password = null,
    bool? IsAdministrator = null,
    bool? IsLocation = null,
    bool? IsActive = null,
    string? TimeZone = null,
    bool? RejectConflicts = null,
    int? Capacity = null,
    IReadOnlyList<string>? Tags = null);

/// <summary>Associates, resources, contacts and persons: read by everyone, changed by administrators.</summary>
public sealed class DirectoryService(IDirectoryStore store, IAuthTokenStore tokens, IPasswordHasher hasher, IUnitOfWork unitOfWork, IClock clock, AuthTokenCache? authCache = null)
{
    private static readonly Error NotAdministrator = Error.Forbidden("directory.not_administrator", "Only an administrator can change the directory.");
    private static readonly Error AssociateNotFound = Error.NotFound("associate.not_found", "There is no such associate.");
    private static readonly Error ContactNotFound = Error.NotFound("contact.not_found", "There is no such contact.");
    private static readonly Error PersonNotFound = Error.NotFound("person.not_found", "There is no such person.");

    public Task<IReadOnlyList<Associate>> ListAssociatesAsync(bool includeInactive, CancellationToken cancellationToken) =>
        store.ListAssociatesAsync(includeInactive, cancellationToken);

    public async Task<Result<Associate>> GetAssociateAsync(int id, CancellationToken cancellationToken) =>
        await store.FindAssociateAsync(id, cancellationToken) is { } associate ? associate : AssociateNotFound;

    /// <summary>Adds an associate. <paramref name="viewer"/> null means a trusted local caller (CLI on the database).</summary>
    public Task<Result<Associate>> AddAssociateAsync(Viewer? viewer, NewAssociate input, CancellationToken cancellationToken)
    {
        if (viewer is { IsAdministrator: false })
        {
            return Task.FromResult<Result<Associate>>(NotAdministrator);
        }

        return unitOfWork.InTransactionAsync<Associate>(async ct =>
        {
            var now = clock.GetCurrentInstant();
            Result<Associate> created;
            if (input.Kind == AssociateKind.Resource)
            {
                if (input.UserName is not null || input.Password is not null || input.IsAdministrator)
                {
                    return Error.Validation("associate.resource_cannot_sign_in", "A resource has no user name, password or administrator rights.", "kind");
                }

                created = Associate.CreateResource(input.Name, input.IsLocation, input.TimeZone, now);
            }
            else
            {
                if (input.IsLocation)
                {
                    return Error.Validation("associate.employee_cannot_be_location", "Only a resource can be a location.", "isLocation");
                }

                created = Associate.CreateEmployee(input.Name, input.UserName ?? "", input.Email, input.IsAdministrator, input.TimeZone, now);
                if (created.IsSuccess)
                {
                    if (PasswordError(input.Password) is { } passwordError)
                    {
                        return passwordError;
                    }

                    if (await store.FindAssociateByUserNameAsync(created.Value.UserName!, ct) is not null)
                    {
                        return Error.Conflict("associate.user_name_taken", $"The user name '{created.Value.UserName}' is taken.");
                    }

                    created.Value.SetPasswordHash(hasher.Hash(created.Value, input.Password!), now);
                }
            }

            if (!created.IsSuccess)
            {
                return created;
            }

            if (input.RejectConflicts && created.Value.SetRejectConflicts(true, now) is { IsSuccess: false } refused)
            {
                return refused.Error!;
            }

            store.Add(created.Value);
            await unitOfWork.SaveChangesAsync(ct);
            return created;
        }, cancellationToken);
    }

    public async Task<Result<Associate>> EditAssociateAsync(Viewer? viewer, int id, AssociateEdit edit, CancellationToken cancellationToken)
    {
        if (viewer is { IsAdministrator: false })
        {
            return NotAdministrator;
        }

        var edited = await EditAssociateInTransactionAsync(viewer, id, edit, cancellationToken);
        if (edited.IsSuccess)
        {
            // Deactivation, a new password (tokens revoked) or administrator rights: no cached token may outlive them.
            authCache?.Invalidate();
        }

        return edited;
    }

    private Task<Result<Associate>> EditAssociateInTransactionAsync(Viewer? viewer, int id, AssociateEdit edit, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<Associate>(async ct =>
        {
            var associate = await store.FindAssociateAsync(id, ct);
            if (associate is null)
            {
                return AssociateNotFound;
            }

            var now = clock.GetCurrentInstant();
            var edited = associate.Edit(edit.Name, edit.Email, edit.IsAdministrator, edit.IsLocation, edit.TimeZone, now);
            if (!edited.IsSuccess)
            {
                return edited.Error!;
            }

            if (edit.RejectConflicts is { } reject && associate.SetRejectConflicts(reject, now) is { IsSuccess: false } refused)
            {
                return refused.Error!;
            }

            var details = associate.SetResourceDetails(edit.Capacity, edit.Tags, now);
            if (!details.IsSuccess)
            {
                return details.Error!;
            }

            if (edit.Password is not null)
            {
                if (associate.IsResource)
                {
                    return Error.Validation("associate.resource_cannot_sign_in", "A resource has no password.", "password");
                }

                if (PasswordError(edit.Password) is { } passwordError)
                {
                    return passwordError;
                }

                associate.SetPasswordHash(hasher.Hash(associate, edit.Password), now);
                await tokens.RevokeAllAsync(associate.Id, now, ct);
            }

            if (edit.IsActive is { } active && active != associate.IsActive)
            {
                if (!active && viewer is not null && viewer.AssociateId == associate.Id)
                {
                    return Error.Conflict("associate.cannot_deactivate_self", "Administrators cannot deactivate themselves.");
                }

                associate.SetActive(active, now);
                if (!active)
                {
                    await tokens.RevokeAllAsync(associate.Id, now, ct); // a deactivated associate can no longer sign in
                }
            }

            return associate;
        }, cancellationToken);

    public Task<IReadOnlyList<Contact>> ListContactsAsync(bool includeInactive, CancellationToken cancellationToken) =>
        store.ListContactsAsync(includeInactive, cancellationToken);

    public async Task<Result<Contact>> GetContactAsync(int id, CancellationToken cancellationToken) =>
        await store.FindContactAsync(id, cancellationToken) is { } contact ? contact : ContactNotFound;

    public async Task<Result<IReadOnlyList<Person>>> ListPersonsAsync(int contactId, bool includeInactive, CancellationToken cancellationToken) =>
        await store.FindContactAsync(contactId, cancellationToken) is null
            ? ContactNotFound
            : Result<IReadOnlyList<Person>>.Success(await store.ListPersonsAsync(contactId, includeInactive, cancellationToken));

    public async Task<Result<Person>> GetPersonAsync(int id, CancellationToken cancellationToken) =>
        await store.FindPersonAsync(id, cancellationToken) is { } person ? person : PersonNotFound;

    public Task<Result<Contact>> AddContactAsync(Viewer? viewer, string name, CancellationToken cancellationToken) =>
        viewer is { IsAdministrator: false }
            ? Task.FromResult<Result<Contact>>(NotAdministrator)
            : unitOfWork.InTransactionAsync<Contact>(async ct =>
            {
                var created = Contact.Create(name, clock.GetCurrentInstant());
                if (created.IsSuccess)
                {
                    store.Add(created.Value);
                    await unitOfWork.SaveChangesAsync(ct);
                }

                return created;
            }, cancellationToken);

    public Task<Result<Contact>> EditContactAsync(Viewer? viewer, int id, string? name, bool? isActive, CancellationToken cancellationToken) =>
        viewer is { IsAdministrator: false }
            ? Task.FromResult<Result<Contact>>(NotAdministrator)
            : unitOfWork.InTransactionAsync<Contact>(async ct =>
            {
                var contact = await store.FindContactAsync(id, ct);
                if (contact is null)
                {
                    return ContactNotFound;
                }

                var edited = contact.Edit(name, isActive, clock.GetCurrentInstant());
                return edited.IsSuccess ? contact : edited.Error!;
            }, cancellationToken);

    public Task<Result<Person>> AddPersonAsync(Viewer? viewer, int contactId, string name, string? email, CancellationToken cancellationToken) =>
        viewer is { IsAdministrator: false }
            ? Task.FromResult<Result<Person>>(NotAdministrator)
            : unitOfWork.InTransactionAsync<Person>(async ct =>
            {
                if (await store.FindContactAsync(contactId, ct) is null)
                {
                    return Error.Validation("person.unknown_contact", $"There is no contact {contactId}.", "contactId");
                }

                var created = Person.Create(contactId, name, email, clock.GetCurrentInstant());
                if (created.IsSuccess)
                {
                    store.Add(created.Value);
                    await unitOfWork.SaveChangesAsync(ct);
                }

                return created;
            }, cancellationToken);

    public Task<Result<Person>> EditPersonAsync(Viewer? viewer, int id, string? name, string? email, int? contactId, bool? isActive, CancellationToken cancellationToken) =>
        viewer is { IsAdministrator: false }
            ? Task.FromResult<Result<Person>>(NotAdministrator)
            : unitOfWork.InTransactionAsync<Person>(async ct =>
            {
                var person = await store.FindPersonAsync(id, ct);
                if (person is null)
                {
                    return PersonNotFound;
                }

                if (contactId is { } newContact && await store.FindContactAsync(newContact, ct) is null)
                {
                    return Error.Validation("person.unknown_contact", $"There is no contact {newContact}.", "contactId");
                }

                var edited = person.Edit(name, email, contactId, isActive, clock.GetCurrentInstant());
                return edited.IsSuccess ? person : edited.Error!;
            }, cancellationToken);

    private static Error? PasswordError(string? password) =>
        password is null || password.Length < Limits.MinPasswordLength
            ? Error.Validation("associate.password_too_short", $"A password has at least {Limits.MinPasswordLength} characters.", "password")
            : null;
}
