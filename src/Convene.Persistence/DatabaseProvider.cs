namespace Convene.Persistence;

/// <summary>The database behind Convene (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
