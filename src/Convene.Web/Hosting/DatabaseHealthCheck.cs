using Convene.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Convene.Web.Hosting;

/// <summary>Ready when the database answers and every migration this build knows has been applied.</summary>
internal sealed class DatabaseHealthCheck(ConveneDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = await DatabaseMigrator.PendingAsync(db, cancellationToken);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database is reachable and migrated.")
                : HealthCheckResult.Unhealthy($"Migrations not applied: {string.Join(", ", pending.Select(m => $"{m.Version:0000}_{m.Name}"))}.");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The database is unreachable.", e);
        }
    }
}
