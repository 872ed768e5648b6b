using Convene.Core.GroupViews;
using Convene.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace Convene.Persistence.Stores;

internal sealed class GroupViewStore(ConveneDbContext db) : IGroupViewStore
{
    public async Task<IReadOnlyList<GroupView>> ListAsync(int ownerId, CancellationToken cancellationToken)
    {
        var views = await db.Set<GroupViewRow>().AsNoTracking().Where(v => v.OwnerId == ownerId).OrderBy(v => v.Name).ThenBy(v => v.Id).ToListAsync(cancellationToken);
        var ids = views.ConvertAll(v => v.Id);
        var members = (await db.Set<GroupViewMemberRow>().AsNoTracking().Where(m => ids.Contains(m.GroupViewId)).ToListAsync(cancellationToken))
            .ToLookup(m => m.GroupViewId);
        return views.ConvertAll(v => ToView(v, members[v.Id]));
    }

    public async Task<GroupView?> FindAsync(int id, CancellationToken cancellationToken)
    {
        var view = await db.Set<GroupViewRow>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, cancellationToken);
        return view is null ? null : ToView(view, await db.Set<GroupViewMemberRow>().AsNoTracking().Where(m => m.GroupViewId == id).ToListAsync(cancellationToken));
    }

    public Task<bool> NameTakenAsync(int ownerId, string name, int? exceptId, CancellationToken cancellationToken) =>
        db.Set<GroupViewRow>().AnyAsync(v => v.OwnerId == ownerId && v.Name == name && v.Id != (exceptId ?? 0), cancellationToken);

    public async Task<GroupView> SaveAsync(GroupView view, CancellationToken cancellationToken)
    {
        var row = new GroupViewRow { Id = view.Id, OwnerId = view.OwnerId, Name = view.Name, Registered = view.Registered, Updated = view.Updated };
        if (view.Id == 0)
        {
            db.Add(row);
        }
        else
        {
            db.Update(row);
            await db.Set<GroupViewMemberRow>().Where(m => m.GroupViewId == view.Id).ExecuteDeleteAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AddRange(view.Members.Select((associateId, position) => new GroupViewMemberRow { GroupViewId = row.Id, Position = position, AssociateId = associateId }));
        await db.SaveChangesAsync(cancellationToken);
        return view with { Id = row.Id };
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        await db.Set<GroupViewMemberRow>().Where(m => m.GroupViewId == id).ExecuteDeleteAsync(cancellationToken);
        await db.Set<GroupViewRow>().Where(v => v.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    private static GroupView ToView(GroupViewRow row, IEnumerable<GroupViewMemberRow> members) =>
        new(row.Id, row.OwnerId, row.Name, members.OrderBy(m => m.Position).Select(m => m.AssociateId).ToList(), row.Registered, row.Updated);
}
