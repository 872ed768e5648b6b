namespace Convene.Persistence.Stores;

/// <summary>
/// One instance of <typeparamref name="T"/> per database provider, made on first use — for EF Core compiled queries,
/// which keep the SQL and shaper of the first context they run on.
/// </summary>
internal sealed class PerProvider<T>(Func<T> create)
    where T : class
{
    private readonly Lazy<T> _sqlite = new(create);
    private readonly Lazy<T> _postgres = new(create);

    public T For(ConveneDbContext db) => (db.IsPostgres ? _postgres : _sqlite).Value;
}
