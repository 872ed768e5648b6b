using Convene.Core.Directory;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence.Seeding;

/// <summary>The demo company of PRODUCT.md §5, for Development only.</summary>
public static class DemoData
{
    public const string Password = "demo";

    /// <summary>Adds the demo company to an empty database; does nothing when any associate exists.</summary>
    public static async Task<bool> SeedAsync(ConveneDbContext db, DirectoryService directory, CancellationToken cancellationToken)
    {
        if (await db.Associates.AnyAsync(cancellationToken))
        {
            return false;
        }

        (string Name, string User, bool Admin)[] employees =
        [
            ("Administrator", "admin", true),
            ("Frode Nilsen", "frode", false),
            ("Ingrid Solberg", "ingrid", false),
            ("Kari Lunde", "kari", false),
        ];
        foreach (var (name, user, admin) in employees)
        {
            Ensure(await directory.AddAssociateAsync(null, new NewAssociate(name, AssociateKind.Employee, user, Password, $"{user}@convene.example", admin, false, "Europe/Oslo"), cancellationToken));
        }

        Ensure(await directory.AddAssociateAsync(null, new NewAssociate("Room Fjord", AssociateKind.Resource, null, null, null, false, true, "Europe/Oslo"), cancellationToken));
        Ensure(await directory.AddAssociateAsync(null, new NewAssociate("Projector", AssociateKind.Resource, null, null, null, false, false, "Europe/Oslo"), cancellationToken));
        var contact = Ensure(await directory.AddContactAsync(null, "Nordic Fisk AS", cancellationToken));
        Ensure(await directory.AddPersonAsync(null, contact.Id, "Frantz Olsen", "frantz.olsen@nordicfisk.example", cancellationToken));
        Ensure(await directory.AddPersonAsync(null, contact.Id, "Liv Berg", "liv.berg@nordicfisk.example", cancellationToken));
        return true;
    }

    private static T Ensure<T>(Core.Common.Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Demo data: {result.Error!.Code}: {result.Error.Message}");
}
