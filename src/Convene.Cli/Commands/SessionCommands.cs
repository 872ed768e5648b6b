using System.CommandLine;

namespace Convene.Cli.Commands;

/// <summary><c>login</c> and <c>logout</c>: the stored session the other server commands use.</summary>
internal static class SessionCommands
{
    public static IEnumerable<Command> Create(CliContext cli) => [Login(cli), Logout(cli)];

    private static Command Login(CliContext cli)
    {
        var user = new Option<string>("--user") { Description = "User name.", Required = true };
        var password = new Option<string>("--password") { Description = "Password; else CONVENE_PASSWORD, else one line from stdin." };
        var command = new Command("login", $"Sign in and store the token in the credentials file (server: --server, CONVENE_SERVER or {CliContext.DefaultServer}).")
        {
            user,
            password,
        };
        command.SetAction(async (parse, ct) =>
        {
            var store = cli.Credentials;
            var server = ApiClient.ParseServer(parse.GetValue(cli.Server) ?? cli.Env("CONVENE_SERVER") ?? CliContext.DefaultServer);
            var userName = parse.GetValue(user)!;
            var secret = cli.Password(parse.GetValue(password))
                ?? throw CliException.Usage("cli.password_required", "No password: give --password, set CONVENE_PASSWORD or write it to stdin.");

            using var api = new ApiClient(server, token: null);
            var issued = ApiClient.Read<TokenModel>(await api.PostAsync("auth/token", new TokenRequestBody(userName, secret), ct));
            await store.SaveAsync(new Credentials(server.ToString(), issued.Token, issued.AssociateId, userName), ct);
            cli.OutputFor(parse).Write(
                new { Server = server.ToString(), UserName = userName, issued.AssociateId, issued.ExpiresAt, Config = store.Path },
                w => w.WriteLine($"Logged in to {server} as {userName} (associate {Output.Number(issued.AssociateId)}) until {Output.Time(issued.ExpiresAt)}."));
        });
        return command;
    }

    private static Command Logout(CliContext cli)
    {
        var command = new Command("logout", "Revoke the token on the server and delete the credentials file.");
        command.SetAction(async (parse, ct) =>
        {
            var store = cli.Credentials;
            using (var api = await cli.ConnectAsync(parse, ct))
            {
                try
                {
                    await api.PostAsync("auth/revoke", null, ct);
                }
                catch (CliException e) when (e.ExitCode == ExitCodes.Unauthorized)
                {
                    // the token has expired or was revoked already: signed out either way
                }
            }

            var deleted = store.Delete();
            cli.OutputFor(parse).Write(
                new { LoggedOut = true, Deleted = deleted ? store.Path : null },
                w => w.WriteLine(deleted ? $"Logged out; deleted {store.Path}." : "Logged out."));
        });
        return command;
    }
}
