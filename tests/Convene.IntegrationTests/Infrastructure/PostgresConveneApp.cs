using Convene.Persistence;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>The real server on a fresh database of the test run's throwaway PostgreSQL cluster.</summary>
public class PostgresConveneApp : ConveneApp
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override async Task PrepareDatabaseAsync()
    {
        var cluster = await PostgresCluster.GetAsync();
        if (cluster.Unavailable is { } reason)
        {
            // In CI every database must be there: a skip would hide that PostgreSQL was never tested.
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI=true but PostgreSQL is unavailable: {reason}");
            }

            SkipReason = reason;
            return;
        }

        ConnectionString = await cluster.CreateDatabaseAsync();
    }
}
