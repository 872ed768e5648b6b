using Convene.Core.Common;
using Convene.Core.Diary;
using Convene.Core.Directory;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Convene.Web.Api;

/// <summary>Associates (employees and resources), contacts and persons.</summary>
public static class DirectoryEndpoints
{
    public static void MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        var associates = api.MapGroup("/associates").WithTags("Associates");
        associates.MapGet("/", ListAssociatesAsync).WithName("ListAssociates").WithSummary("Employees and resources.");
        associates.MapGet("/{id:int}", GetAssociateAsync).WithName("GetAssociate");
        associates.MapPost("/", CreateAssociateAsync).WithName("CreateAssociate").WithSummary("Administrator: adds an employee or a resource.");
        associates.MapPatch("/{id:int}", EditAssociateAsync).WithName("EditAssociate").WithSummary("Administrator: edits, deactivates or reactivates an associate.");

        var contacts = api.MapGroup("/contacts").WithTags("Contacts");
        contacts.MapGet("/", ListContactsAsync).WithName("ListContacts").WithSummary("Companies.");
        contacts.MapGet("/{id:int}", GetContactAsync).WithName("GetContact");
        contacts.MapPost("/", CreateContactAsync).WithName("CreateContact").WithSummary("Administrator: adds a company.");
        contacts.MapPatch("/{id:int}", EditContactAsync).WithName("EditContact");
        contacts.MapGet("/{id:int}/persons", ListPersonsAsync).WithName("ListPersons").WithSummary("The company's persons.");
        contacts.MapGet("/{id:int}/activities", ListActivitiesAsync).WithName("ListContactActivities")
            .WithSummary("Meetings with the company or its persons (where external persons' meetings show).");

        var persons = api.MapGroup("/persons").WithTags("Persons");
        persons.MapGet("/{id:int}", GetPersonAsync).WithName("GetPerson");
        persons.MapPost("/", CreatePersonAsync).WithName("CreatePerson").WithSummary("Administrator: adds a person to a company.");
        persons.MapPatch("/{id:int}", EditPersonAsync).WithName("EditPerson");
    }

    public static async Task<Ok<List<AssociateResponse>>> ListAssociatesAsync(DirectoryService directory, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok((await directory.ListAssociatesAsync(includeInactive ?? false, ct)).Select(AssociateResponse.From).ToList());

    public static async Task<Results<Ok<AssociateResponse>, ProblemHttpResult>> GetAssociateAsync(int id, DirectoryService directory, CancellationToken ct) =>
        Respond(await directory.GetAssociateAsync(id, ct), AssociateResponse.From);

    public static async Task<Results<Created<AssociateResponse>, ProblemHttpResult>> CreateAssociateAsync(CreateAssociateRequest request, HttpContext context, DirectoryService directory, CancellationToken ct)
    {
        AssociateKind kind;
        if (request.Kind is null || request.Kind.Equals("Employee", StringComparison.OrdinalIgnoreCase))
        {
            kind = AssociateKind.Employee;
        }
        else if (request.Kind.Equals("Resource", StringComparison.OrdinalIgnoreCase))
        {
            kind = AssociateKind.Resource;
        }
        else
        {
            return Error.Validation("associate.unknown_kind", "kind is Employee or Resource.", "kind").ToProblem();
        }

        var created = await directory.AddAssociateAsync(
            context.User.ToViewer(),
            new NewAssociate(request.Name ?? "", kind, request.UserName, request.Password, request.Email, request.IsAdministrator ?? false, request.IsLocation ?? false, request.TimeZone, request.RejectConflicts ?? false),
            ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/associates/{created.Value.Id}", AssociateResponse.From(created.Value))
            : created.Error!.ToProblem();
    }

    public static async Task<Results<Ok<AssociateResponse>, ProblemHttpResult>> EditAssociateAsync(int id, EditAssociateRequest request, HttpContext context, DirectoryService directory, CancellationToken ct) =>
        Respond(
            await directory.EditAssociateAsync(context.User.ToViewer(), id, new AssociateEdit(request.Name, request.Email, request.Password, request.IsAdministrator, request.IsLocation, request.Active, request.TimeZone, request.RejectConflicts), ct),
            AssociateResponse.From);

    public static async Task<Ok<List<ContactResponse>>> ListContactsAsync(DirectoryService directory, bool? includeInactive, CancellationToken ct) =>
        TypedResults.Ok((await directory.ListContactsAsync(includeInactive ?? false, ct)).Select(ContactResponse.From).ToList());

    public static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> GetContactAsync(int id, DirectoryService directory, CancellationToken ct) =>
        Respond(await directory.GetContactAsync(id, ct), ContactResponse.From);

    public static async Task<Results<Created<ContactResponse>, ProblemHttpResult>> CreateContactAsync(CreateContactRequest request, HttpContext context, DirectoryService directory, CancellationToken ct)
    {
        var created = await directory.AddContactAsync(context.User.ToViewer(), request.Name ?? "", ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/contacts/{created.Value.Id}", ContactResponse.From(created.Value))
            : created.Error!.ToProblem();
    }

    public static async Task<Results<Ok<ContactResponse>, ProblemHttpResult>> EditContactAsync(int id, EditContactRequest request, HttpContext context, DirectoryService directory, CancellationToken ct) =>
        Respond(await directory.EditContactAsync(context.User.ToViewer(), id, request.Name, request.Active, ct), ContactResponse.From);

    public static async Task<Results<Ok<List<PersonResponse>>, ProblemHttpResult>> ListPersonsAsync(int id, DirectoryService directory, bool? includeInactive, CancellationToken ct) =>
        Respond(await directory.ListPersonsAsync(id, includeInactive ?? false, ct), persons => persons.Select(PersonResponse.From).ToList());

    public static async Task<Results<Ok<List<ActivityResponse>>, ProblemHttpResult>> ListActivitiesAsync(int id, string? from, string? to, HttpContext context, DiaryService diary, CancellationToken ct)
    {
        var range = QueryTimes.ParseOptional(from, to);
        if (!range.IsSuccess)
        {
            return range.Error!.ToProblem();
        }

        return Respond(
            await diary.GetContactActivitiesAsync(context.User.ToViewer(), id, range.Value.From, range.Value.To, ct),
            entries => entries.Select(ActivityResponse.From).ToList());
    }

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> GetPersonAsync(int id, DirectoryService directory, CancellationToken ct) =>
        Respond(await directory.GetPersonAsync(id, ct), PersonResponse.From);

    public static async Task<Results<Created<PersonResponse>, ProblemHttpResult>> CreatePersonAsync(CreatePersonRequest request, HttpContext context, DirectoryService directory, CancellationToken ct)
    {
        if (request.ContactId is not { } contactId)
        {
            return Error.Validation("person.contact_required", "contactId is required.", "contactId").ToProblem();
        }

        var created = await directory.AddPersonAsync(context.User.ToViewer(), contactId, request.Name ?? "", request.Email, ct);
        return created.IsSuccess
            ? TypedResults.Created($"/api/v1/persons/{created.Value.Id}", PersonResponse.From(created.Value))
            : created.Error!.ToProblem();
    }

    public static async Task<Results<Ok<PersonResponse>, ProblemHttpResult>> EditPersonAsync(int id, EditPersonRequest request, HttpContext context, DirectoryService directory, CancellationToken ct) =>
        Respond(await directory.EditPersonAsync(context.User.ToViewer(), id, request.Name, request.Email, request.ContactId, request.Active, ct), PersonResponse.From);

    private static Results<Ok<TOut>, ProblemHttpResult> Respond<TIn, TOut>(Result<TIn> result, Func<TIn, TOut> map) =>
        result.IsSuccess ? TypedResults.Ok(map(result.Value)) : result.Error!.ToProblem();
}
