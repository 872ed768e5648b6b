namespace Convene.Cli;

/// <summary>Turns the names people type (<c>ingrid</c>, <c>"Room Fjord"</c>, <c>"Frantz Olsen"</c>) into ids through the API.</summary>
internal static class Lookup
{
    /// <summary>Employees and resources by numeric id, user name or name (case-insensitive; a user name wins).</summary>
    public static Task<IReadOnlyList<int>> AssociatesAsync(ApiClient api, IReadOnlyList<string> namesOrIds, string option, CancellationToken ct) =>
        ResolveAsync(
            namesOrIds,
            () => api.GetAsync<List<AssociateModel>>("associates", ct),
            [(a, text) => Same(a.UserName, text), (a, text) => Same(a.Name, text)],
            new Describe<AssociateModel>("employee or resource", option, a => a.Id, a => a.UserName ?? a.Name));

    /// <summary>External persons by numeric id or full name (case-insensitive), searched in every company.</summary>
    public static Task<IReadOnlyList<int>> PersonsAsync(ApiClient api, IReadOnlyList<string> namesOrIds, string option, CancellationToken ct) =>
        ResolveAsync(
            namesOrIds,
            async () =>
            {
                var all = new List<PersonModel>();
                foreach (var contact in await api.GetAsync<List<ContactModel>>("contacts", ct))
                {
                    all.AddRange(await api.GetAsync<List<PersonModel>>($"contacts/{Output.Number(contact.Id)}/persons", ct));
                }

                return all;
            },
            [(p, text) => Same(p.Name, text)],
            new Describe<PersonModel>("person", option, p => p.Id, p => p.Name));

    /// <summary>
    /// Numbers are ids as they stand; a name is looked for with each matcher in turn (the list is loaded once, when
    /// the first name needs it) and must name exactly one.
    /// </summary>
    private static async Task<IReadOnlyList<int>> ResolveAsync<T>(
        IReadOnlyList<string> namesOrIds, Func<Task<List<T>>> load, Func<T, string, bool>[] matchers, Describe<T> describe)
    {
        List<T>? all = null;
        var ids = new List<int>();
        foreach (var text in namesOrIds)
        {
            if (Inputs.AsId(text) is { } id)
            {
                ids.Add(id);
                continue;
            }

            all ??= await load();
            var matches = matchers.Select(m => all.Where(x => m(x, text.Trim())).ToList()).FirstOrDefault(found => found.Count > 0) ?? [];
            ids.Add(matches.Count switch
            {
                1 => describe.Id(matches[0]),
                0 => throw CliException.Usage("cli.unknown_name", $"{describe.Option}: there is no {describe.What} called '{text}'."),
                _ => throw CliException.Usage(
                    "cli.ambiguous_name",
                    $"{describe.Option}: '{text}' names several: {string.Join(", ", matches.Select(m => $"{describe.Label(m)} (id {Output.Number(describe.Id(m))})"))}; give the id."),
            });
        }

        return ids;
    }

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed record Describe<T>(string What, string Option, Func<T, int> Id, Func<T, string> Label);
}
