using Convene.Core.Directory;
using Convene.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence.Stores;

internal sealed class DirectoryStore(ConveneDbContext db) : IDirectoryStore
{
    public async Task<IReadOnlyList<Associate>> ListAssociatesAsync(bool includeInactive, CancellationToken cancellationToken) =>
        await db.Associates.AsNoTracking().Where(a => includeInactive || a.IsActive).OrderBy(a => a.Kind).ThenBy(a => a.Name).ThenBy(a => a.Id).ToListAsync(cancellationToken);

    // FindAsync: an associate this request already read (a create reads its owner, then the iTIP organizer) is not read again.
    public async Task<Associate?> FindAssociateAsync(int id, CancellationToken cancellationToken) =>
        await db.Associates.FindAsync([id], cancellationToken);

    public Task<Associate?> FindAssociateByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = Associate.NormalizeUserName(userName);
        return db.Associates.AsNoTracking().FirstOrDefaultAsync(a => a.UserName == normalized, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<int, Associate>> FindAssociatesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? new Dictionary<int, Associate>()
            : await db.Associates.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);

    public async Task<IReadOnlyList<Contact>> ListContactsAsync(bool includeInactive, CancellationToken cancellationToken) =>
        await db.Contacts.AsNoTracking().Where(c => includeInactive || c.IsActive).OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync(cancellationToken);

    public async Task<Contact?> FindContactAsync(int id, CancellationToken cancellationToken) =>
        await db.Contacts.FindAsync([id], cancellationToken);

    public async Task<IReadOnlyList<Person>> ListPersonsAsync(int contactId, bool includeInactive, CancellationToken cancellationToken) =>
        await db.Persons.AsNoTracking().Where(p => p.ContactId == contactId && (includeInactive || p.IsActive)).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    public async Task<Person?> FindPersonAsync(int id, CancellationToken cancellationToken) =>
        await db.Persons.FindAsync([id], cancellationToken);

    public async Task<IReadOnlyDictionary<int, Person>> FindPersonsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        ids.Count == 0
            ? new Dictionary<int, Person>()
            : await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);

    public void Add(Associate associate) => db.Associates.Add(associate);

    public void Add(Contact contact) => db.Contacts.Add(contact);

    public void Add(Person person) => db.Persons.Add(person);
}
