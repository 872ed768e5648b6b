using System.CommandLine;
using Convene.Core.Directory;
using Microsoft.Extensions.DependencyInjection;

namespace Convene.Cli.Commands;

/// <summary>
/// <c>associate add|list|edit</c>, <c>contact add</c>, <c>person add</c>: the directory, changed directly in the
/// database as a trusted local administrator (DirectoryService with no viewer).
/// </summary>
internal static class AdminCommands
{
    public static IEnumerable<Command> Create(CliContext cli) =>
    [
        new Command("associate", "Employees and resources.") { AddAssociate(cli), ListAssociates(cli), EditAssociate(cli) },
        new Command("contact", "Companies.") { AddContact(cli) },
        new Command("person", "Persons at companies.") { AddPerson(cli) },
    ];

    private static Command AddAssociate(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "Full name (or the resource's name).", Required = true };
        var user = new Option<string>("--user") { Description = "Sign-in user name (employees)." };
        var password = new Option<string>("--password") { Description = "Password (employees); else CONVENE_PASSWORD, else one line from stdin." };
        var email = new Option<string>("--email") { Description = "E-mail address." };
        var admin = new Option<bool>("--admin") { Description = "An administrator." };
        var resource = new Option<bool>("--resource") { Description = "A resource (room, equipment) instead of an employee." };
        var location = new Option<bool>("--location") { Description = "A resource that is a place (meeting room); implies --resource." };
        var timeZone = new Option<string>("--time-zone") { Description = $"IANA time zone (default {Associate.DefaultTimeZone})." };
        var command = new Command("add", "Add an employee or a resource.") { name, user, password, email, admin, resource, location, timeZone };
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var isResource = parse.GetValue(resource) || parse.GetValue(location);
            var input = new NewAssociate(
                parse.GetValue(name)!,
                isResource ? AssociateKind.Resource : AssociateKind.Employee,
                parse.GetValue(user),
                isResource ? parse.GetValue(password) : cli.Password(parse.GetValue(password)),
                parse.GetValue(email),
                parse.GetValue(admin),
                parse.GetValue(location),
                parse.GetValue(timeZone));
            var added = await database.RunAsync(cli, parse, create: false, async (services, token) =>
                LocalDatabase.Unwrap(await Directory(services).AddAssociateAsync(null, input, token)), ct);
            WriteAssociate(cli, parse, added, "Added");
        });
        return command;
    }

    private static Command ListAssociates(CliContext cli)
    {
        var command = new Command("list", "List employees and resources, inactive ones too.");
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var all = await database.RunAsync(cli, parse, create: false, (services, token) => Directory(services).ListAssociatesAsync(includeInactive: true, token), ct);
            cli.OutputFor(parse).Write(all.Select(AssociateModel.From).ToList(), w => Output.Table(
                w,
                ["ID", "KIND", "NAME", "USER", "EMAIL", "ADMIN", "ACTIVE", "TIME ZONE"],
                all.Select(a => new[]
                {
                    Output.Number(a.Id), a.IsLocation ? "Location" : a.Kind.ToString(), a.Name, a.UserName ?? "", a.Email ?? "",
                    Output.YesNo(a.IsAdministrator), Output.YesNo(a.IsActive), a.TimeZone,
                }),
                "No associates."));
        });
        return command;
    }

    private static Command EditAssociate(CliContext cli)
    {
        var id = new Argument<int>("id") { Description = "The associate's id (see 'associate list')." };
        var name = new Option<string>("--name") { Description = "New name." };
        var email = new Option<string>("--email") { Description = "New e-mail address ('' removes it)." };
        var password = new Option<string>("--password") { Description = "New password (signs the employee out everywhere)." };
        var admin = new Option<bool?>("--admin") { Description = "true or false: administrator rights." };
        var active = new Option<bool?>("--active") { Description = "true or false: false deactivates (and signs out), true reactivates." };
        var timeZone = new Option<string>("--time-zone") { Description = "New IANA time zone." };
        var command = new Command("edit", "Change, deactivate or reactivate an associate.") { id, name, email, password, admin, active, timeZone };
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var edit = new AssociateEdit(
                parse.GetValue(name), parse.GetValue(email), parse.GetValue(password), parse.GetValue(admin), null, parse.GetValue(active), parse.GetValue(timeZone));
            var edited = await database.RunAsync(cli, parse, create: false, async (services, token) =>
                LocalDatabase.Unwrap(await Directory(services).EditAssociateAsync(null, parse.GetValue(id), edit, token)), ct);
            WriteAssociate(cli, parse, edited, "Updated");
        });
        return command;
    }

    private static Command AddContact(CliContext cli)
    {
        var name = new Option<string>("--name") { Description = "The company's name.", Required = true };
        var command = new Command("add", "Add a company.") { name };
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var added = await database.RunAsync(cli, parse, create: false, async (services, token) =>
                LocalDatabase.Unwrap(await Directory(services).AddContactAsync(null, parse.GetValue(name)!, token)), ct);
            cli.OutputFor(parse).Write(ContactModel.From(added), w => w.WriteLine($"Added contact {Output.Number(added.Id)}: {added.Name}"));
        });
        return command;
    }

    private static Command AddPerson(CliContext cli)
    {
        var contact = new Option<int>("--contact") { Description = "The company's id.", Required = true };
        var name = new Option<string>("--name") { Description = "Full name.", Required = true };
        var email = new Option<string>("--email") { Description = "E-mail address." };
        var command = new Command("add", "Add a person to a company.") { contact, name, email };
        var database = LocalDatabase.For(command);
        command.SetAction(async (parse, ct) =>
        {
            var added = await database.RunAsync(cli, parse, create: false, async (services, token) =>
                LocalDatabase.Unwrap(await Directory(services).AddPersonAsync(null, parse.GetValue(contact), parse.GetValue(name)!, parse.GetValue(email), token)), ct);
            cli.OutputFor(parse).Write(
                PersonModel.From(added),
                w => w.WriteLine($"Added person {Output.Number(added.Id)}: {added.Name} at contact {Output.Number(added.ContactId)}"));
        });
        return command;
    }

    private static DirectoryService Directory(IServiceProvider services) => services.GetRequiredService<DirectoryService>();

    private static void WriteAssociate(CliContext cli, ParseResult parse, Associate a, string verb) => cli.OutputFor(parse).Write(
        AssociateModel.From(a),
        w => w.WriteLine($"{verb} {(a.IsResource ? "resource" : "employee")} {Output.Number(a.Id)}: {a.Name}"
            + (a.UserName is null ? "" : $" (user {a.UserName})") + (a.IsActive ? "" : ", inactive")));
}
