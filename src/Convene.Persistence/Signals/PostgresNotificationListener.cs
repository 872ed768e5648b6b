using System.Globalization;
using Convene.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Convene.Persistence.Signals;

/// <summary>
/// Listens on PostgreSQL's <c>convene_notifications</c> channel and hands every committed notification and diary change — from this
/// instance or any other on the same database — to this process's subscribers. Reconnects with back-off.
/// </summary>
internal sealed class PostgresNotificationListener(string connectionString, INotificationSignals signals, IDiarySignals diarySignals, ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    public const string Channel = "convene_notifications";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, KeepAlive = 30 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                logger.LogInformation("Listening for notifications on PostgreSQL channel {Channel}", Channel);
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(e, "Notification listener lost its connection; retrying in {Delay}", delay);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void Dispatch(string payload)
    {
        // Payload: "<recipient id>:<notification id>" — ids only; subscribers read the notification themselves.
        // Or "diary:<meeting id>:<associate id>,<associate id>,..." — the diaries a committed change touched.
        var parts = payload.Split(':');
        if (parts.Length == 3 && parts[0] == "diary"
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var meetingId))
        {
            foreach (var diary in parts[2].Split(','))
            {
                if (int.TryParse(diary, NumberStyles.None, CultureInfo.InvariantCulture, out var associateId))
                {
                    diarySignals.Publish(new DiarySignal(associateId, meetingId));
                }
            }
        }
        else if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var recipient)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            signals.Publish(new NotificationSignal(recipient, id));
        }
    }
}
