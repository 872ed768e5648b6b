using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Convene.Core.Itip;
using Convene.Core.Ports;
using Convene.Persistence.Stores;
using NodaTime;

namespace Convene.Web.Hosting;

/// <summary>The <c>Smtp:*</c> settings, read afresh on every use so that a changed configuration applies at once.</summary>
public sealed record SmtpSettings(string? Host, int Port, string From, bool EnableSsl, string? UserName, string? Password, int TimeoutSeconds, int MaxAttempts, int PollSeconds)
{
    public static SmtpSettings Read(IConfiguration configuration) => new(
        string.IsNullOrWhiteSpace(configuration["Smtp:Host"]) ? null : configuration["Smtp:Host"]!.Trim(),
        configuration.GetValue("Smtp:Port", 25),
        configuration["Smtp:From"] is { Length: > 0 } from ? from : "convene@localhost",
        configuration.GetValue("Smtp:EnableSsl", false),
        configuration["Smtp:UserName"],
        configuration["Smtp:Password"],
        configuration.GetValue("Smtp:TimeoutSeconds", 30),
        configuration.GetValue("Smtp:MaxAttempts", 10),
        configuration.GetValue("Smtp:PollSeconds", 15));
}

/// <summary><see cref="IItipSettings"/> from configuration: <c>Smtp:Host</c> and <c>Convene:PublicUrl</c>.</summary>
internal sealed class ConfigurationItipSettings(IConfiguration configuration, Microsoft.AspNetCore.Hosting.Server.IServer server) : IItipSettings
{
    public string? EmailOffReason => SmtpSettings.Read(configuration).Host is null ? "E-mail is off on this server: Smtp:Host is not set." : null;

    /// <summary><c>Convene:PublicUrl</c>, else the first address the server listens on.</summary>
    public Uri PublicBaseUrl
    {
        get
        {
            var configured = configuration["Convene:PublicUrl"];
            var address = !string.IsNullOrWhiteSpace(configured) ? configured
                : server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
            address = address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://[::]", "://localhost", StringComparison.Ordinal);
            return new Uri(address.EndsWith('/') ? address : address + "/");
        }
    }
}

/// <summary>
/// Sends the outbox's due messages over SMTP (System.Net.Mail). One batch at a time per process; across processes
/// the outbox's lease keeps a message to one sender. A failure is retried with exponential back-off (1 min, 2, 4 …,
/// at most 1 h) up to <c>Smtp:MaxAttempts</c>; the recipient shows the last error meanwhile.
/// </summary>
public sealed class ImipSender(IServiceScopeFactory scopes, IConfiguration configuration, IClock clock, ILogger<ImipSender> logger) : IDisposable
{
    private static readonly Duration Lease = Duration.FromMinutes(10);
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends every message due now; returns how many were sent. Tests call this instead of waiting.</summary>
    public async Task<int> ProcessDueAsync(CancellationToken ct)
    {
        var smtp = SmtpSettings.Read(configuration);
        if (smtp.Host is null)
        {
            return 0;
        }

        await _gate.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var outbox = scope.ServiceProvider.GetRequiredService<OutboxStore>();
            var sent = 0;
            foreach (var message in await outbox.ClaimDueAsync(clock.GetCurrentInstant(), Lease, 50, ct))
            {
                var error = await TrySendAsync(smtp, message, ct);
                var now = clock.GetCurrentInstant();
                if (error is null)
                {
                    await outbox.MarkSentAsync(message, now, ct);
                    sent++;
                    continue;
                }

                var retry = message.Attempts >= smtp.MaxAttempts ? (Instant?)null : now + Backoff(message.Attempts);
                logger.LogWarning("iMIP message {Id} to {Recipient} failed (attempt {Attempt}): {Error}", message.Id, message.RecipientEmail, message.Attempts, error);
                await outbox.MarkFailedAsync(message, error, now, retry, ct);
            }

            return sent;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>The wait after attempt <paramref name="attempt"/> (1-based): 1, 2, 4, … minutes, at most one hour.</summary>
    public static Duration Backoff(int attempt) => Duration.FromMinutes(Math.Min(60, 1L << Math.Clamp(attempt - 1, 0, 6)));

    /// <summary>RFC 6047 §2.4: multipart/alternative with text/plain, text/html and text/calendar; method=….</summary>
    public static MailMessage Compose(OutboxMessage message, string from)
    {
        var mail = new MailMessage
        {
            From = new MailAddress(from, message.SenderName.Length == 0 ? "Convene" : $"{message.SenderName} (Convene)", Encoding.UTF8),
            // Also for messages queued before subjects were made one line: a CR/LF here throws and stalls the outbox.
            Subject = InvitationMail.HeaderText(message.Subject),
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
        };
        mail.To.Add(new MailAddress(message.RecipientEmail, message.RecipientName, Encoding.UTF8));
        if (message.ReplyTo is { } replyTo)
        {
            mail.ReplyToList.Add(new MailAddress(replyTo, message.SenderName, Encoding.UTF8));
        }

        var text = AlternateView.CreateAlternateViewFromString(message.TextBody, new ContentType("text/plain; charset=utf-8"));
        text.TransferEncoding = TransferEncoding.QuotedPrintable;
        var html = AlternateView.CreateAlternateViewFromString(message.HtmlBody, new ContentType("text/html; charset=utf-8"));
        html.TransferEncoding = TransferEncoding.QuotedPrintable;

        // Base64 keeps the calendar's CRLFs and folded lines byte for byte (RFC 5545 §3.1).
        var calendar = AlternateView.CreateAlternateViewFromString(message.Calendar, new ContentType($"text/calendar; method={message.Method}; charset=utf-8"));
        calendar.TransferEncoding = TransferEncoding.Base64;
        mail.AlternateViews.Add(text);
        mail.AlternateViews.Add(html);
        mail.AlternateViews.Add(calendar);
        return mail;
    }

    private static async Task<string?> TrySendAsync(SmtpSettings smtp, OutboxMessage message, CancellationToken ct)
    {
        try
        {
            using var mail = Compose(message, smtp.From);
            using var client = new SmtpClient(smtp.Host, smtp.Port)
            {
                EnableSsl = smtp.EnableSsl,
                DeliveryMethod = SmtpDeliveryMethod.Network,
                Timeout = smtp.TimeoutSeconds * 1000,
            };
            if (smtp.UserName is { Length: > 0 } user)
            {
                client.Credentials = new NetworkCredential(user, smtp.Password);
            }

            await client.SendMailAsync(mail, ct);
            return null;
        }
        catch (Exception e) when (e is SmtpException or IOException or System.Net.Sockets.SocketException or FormatException or InvalidOperationException or ArgumentException)
        {
            var inner = e.InnerException is { } i ? $" ({i.Message})" : "";
            return e is SmtpException smtpError ? $"SMTP {(int)smtpError.StatusCode} {smtpError.StatusCode}: {e.Message}{inner}" : e.Message + inner;
        }
    }
}

/// <summary>Runs <see cref="ImipSender"/> every <c>Smtp:PollSeconds</c> while the server runs.</summary>
internal sealed class ImipSenderService(ImipSender sender, IConfiguration configuration, ILogger<ImipSenderService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await sender.ProcessDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the loop must survive a database hiccup; the next round retries
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogError(e, "The iMIP outbox round failed");
            }

            var seconds = Math.Max(1, SmtpSettings.Read(configuration).PollSeconds);
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

public static class ImipServiceCollectionExtensions
{
    /// <summary>iTIP settings from configuration, the outbox sender and its background loop.</summary>
    public static IServiceCollection AddImip(this IServiceCollection services)
    {
        services.AddSingleton<IItipSettings, ConfigurationItipSettings>();
        services.AddSingleton<ImipSender>();
        services.AddHostedService<ImipSenderService>();
        return services;
    }
}
