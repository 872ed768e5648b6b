using Convene.Core.Common;
using Convene.Core.Diary;
using Convene.Core.Ports;
using NodaTime;

namespace Convene.Core.GroupViews;

/// <summary>A saved, named, ordered set of associates and resources (the seeds' "View" tab; SuperOffice DiaryView).</summary>
public sealed record GroupView(int Id, int OwnerId, string Name, IReadOnlyList<int> Members, Instant Registered, Instant Updated)
{
    public const int MaxMembers = 500;

    public static Result<(string Name, IReadOnlyList<int> Members)> Validate(string? name, IReadOnlyList<int>? members)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Error.Validation("group_view.name_required", "A name is required.", "name");
        }

        if (name.Trim().Length > Limits.NameLength)
        {
            return Error.Validation("group_view.name_too_long", $"A name has at most {Limits.NameLength} characters.", "name");
        }

        if (members is null || members.Count == 0)
        {
            return Error.Validation("group_view.members_required", "A group view has at least one member.", "memberIds");
        }

        if (members.Count > MaxMembers)
        {
            return Error.Validation("group_view.too_many_members", $"A group view has at most {MaxMembers} members.", "memberIds");
        }

        if (members.Distinct().Count() != members.Count)
        {
            return Error.Validation("group_view.duplicate_member", "A member appears more than once.", "memberIds");
        }

        return (name.Trim(), members);
    }
}

/// <summary>Group views are private to their owner; stored in <c>group_view</c> and <c>group_view_member</c>.</summary>
public interface IGroupViewStore
{
    Task<IReadOnlyList<GroupView>> ListAsync(int ownerId, CancellationToken cancellationToken);

    Task<GroupView?> FindAsync(int id, CancellationToken cancellationToken);

    Task<bool> NameTakenAsync(int ownerId, string name, int? exceptId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces (by id) the view and its members; returns it with its id.</summary>
    Task<GroupView> SaveAsync(GroupView view, CancellationToken cancellationToken);

    Task DeleteAsync(int id, CancellationToken cancellationToken);
}

/// <summary>One member's diary in a group view.</summary>
public sealed record GroupViewMemberDiary(int AssociateId, string Name, bool IsResource, IReadOnlyList<DiaryEntry> Entries);

/// <summary>Group views: CRUD for the owner, and every member's diary with privacy applied per viewer.</summary>
public sealed class GroupViewService(IGroupViewStore store, IDirectoryStore directory, DiaryService diaries, IUnitOfWork unitOfWork, IClock clock)
{
    private static readonly Error NotFound = Error.NotFound("group_view.not_found", "There is no such group view.");

    public Task<IReadOnlyList<GroupView>> ListAsync(Viewer viewer, CancellationToken ct) => store.ListAsync(viewer.AssociateId, ct);

    public async Task<Result<GroupView>> GetAsync(Viewer viewer, int id, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } view && view.OwnerId == viewer.AssociateId ? view : NotFound;

    public Task<Result<GroupView>> CreateAsync(Viewer viewer, string? name, IReadOnlyList<int>? members, CancellationToken ct) =>
        SaveAsync(viewer, null, name, members, ct);

    public Task<Result<GroupView>> ReplaceAsync(Viewer viewer, int id, string? name, IReadOnlyList<int>? members, CancellationToken ct) =>
        SaveAsync(viewer, id, name, members, ct);

    public Task<Result<Unit>> DeleteAsync(Viewer viewer, int id, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<Unit>(async ct =>
        {
            if (await store.FindAsync(id, ct) is not { } view || view.OwnerId != viewer.AssociateId)
            {
                return NotFound;
            }

            await store.DeleteAsync(id, ct);
            return Unit.Value;
        }, cancellationToken);

    /// <summary>Every member's diary rows in [from, to), in the view's order; others' private meetings are busy time only.</summary>
    public async Task<Result<(GroupView View, IReadOnlyList<GroupViewMemberDiary> Members)>> GetDiaryAsync(Viewer viewer, int id, Instant from, Instant to, bool includePending, CancellationToken ct)
    {
        var view = await GetAsync(viewer, id, ct);
        if (!view.IsSuccess)
        {
            return view.Error!;
        }

        var entries = await diaries.GetDiariesAsync(viewer, view.Value.Members, from, to, includePending, ct);
        if (!entries.IsSuccess)
        {
            return entries.Error!;
        }

        var associates = await directory.FindAssociatesAsync(view.Value.Members, ct);
        var byMember = entries.Value.ToLookup(e => e.AssociateId);
        return (view.Value, view.Value.Members.Where(associates.ContainsKey)
            .Select(m => new GroupViewMemberDiary(m, associates[m].Name, associates[m].IsResource, byMember[m].ToList()))
            .ToList());
    }

    private Task<Result<GroupView>> SaveAsync(Viewer viewer, int? id, string? name, IReadOnlyList<int>? members, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync<GroupView>(async ct =>
        {
            GroupView? existing = null;
            if (id is { } existingId)
            {
                existing = await store.FindAsync(existingId, ct);
                if (existing is null || existing.OwnerId != viewer.AssociateId)
                {
                    return NotFound;
                }
            }

            var valid = GroupView.Validate(name, members);
            if (!valid.IsSuccess)
            {
                return valid.Error!;
            }

            var known = await directory.FindAssociatesAsync(valid.Value.Members, ct);
            var unknown = valid.Value.Members.Where(m => !known.ContainsKey(m)).ToList();
            if (unknown.Count > 0)
            {
                return Error.Validation("group_view.unknown_member", $"There is no associate or resource {string.Join(", ", unknown)}.", "memberIds");
            }

            if (await store.NameTakenAsync(viewer.AssociateId, valid.Value.Name, id, ct))
            {
                return Error.Conflict("group_view.name_taken", $"You already have a group view named '{valid.Value.Name}'.");
            }

            var now = clock.GetCurrentInstant();
            return await store.SaveAsync(new GroupView(id ?? 0, viewer.AssociateId, valid.Value.Name, valid.Value.Members, existing?.Registered ?? now, now), ct);
        }, cancellationToken);
}
