using Convene.Core.Directory;

namespace Convene.Core.Ports;

/// <summary>Associates, resources, contacts and persons.</summary>
public interface IDirectoryStore
{
    Task<IReadOnlyList<Associate>> ListAssociatesAsync(bool includeInactive, CancellationToken cancellationToken);

    Task<Associate?> FindAssociateAsync(int id, CancellationToken cancellationToken);

    Task<Associate?> FindAssociateByUserNameAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<int, Associate>> FindAssociatesAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    Task<IReadOnlyList<Contact>> ListContactsAsync(bool includeInactive, CancellationToken cancellationToken);

    Task<Contact?> FindContactAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Person>> ListPersonsAsync(int contactId, bool includeInactive, CancellationToken cancellationToken);

    Task<Person?> FindPersonAsync(int id, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<int, Person>> FindPersonsAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken);

    void Add(Associate associate);

    void Add(Contact contact);

    void Add(Person person);
}
