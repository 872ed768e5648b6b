using Convene.Core.Appointments;
using Convene.Core.Ports;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence.Stores;

internal sealed class NotificationStore(ConveneDbContext db) : INotificationStore
{
    public async Task<IReadOnlyList<Notification>> ListAsync(int recipientId, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == recipientId)
            .OrderByDescending(n => n.Id)
            .Take(500)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<Notification>> ListAfterAsync(int recipientId, int afterId, CancellationToken cancellationToken) =>
        await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == recipientId && n.Id > afterId)
            .OrderBy(n => n.Id)
            .Take(500)
            .ToListAsync(cancellationToken);

    public async Task<bool> DismissAsync(int recipientId, int notificationId, CancellationToken cancellationToken) =>
        await db.Notifications.Where(n => n.Id == notificationId && n.RecipientId == recipientId).ExecuteDeleteAsync(cancellationToken) > 0;

    public Task<int> DismissAllAsync(int recipientId, CancellationToken cancellationToken) =>
        db.Notifications.Where(n => n.RecipientId == recipientId).ExecuteDeleteAsync(cancellationToken);
}
