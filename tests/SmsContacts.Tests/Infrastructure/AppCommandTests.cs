using SmsContacts.Web.Infrastructure;

namespace SmsContacts.Tests.Infrastructure;

public sealed class AppCommandTests
{
    [Fact]
    public void NoCommand_ServesTheApp_WithAllArgumentsForTheHost()
    {
        var command = AppCommand.Parse(["--urls", "http://localhost:5001"]);
        Assert.Null(command.SeedDemoContacts);
        Assert.Equal(["--urls", "http://localhost:5001"], command.HostArguments);
    }

    [Fact]
    public void SeedDemo_TakesTheContactCount_AndPassesTheRestToTheHost()
    {
        var command = AppCommand.Parse(["seed-demo", "--contacts", "100000", "--Database:Provider", "Sqlite"]);
        Assert.Equal(100_000, command.SeedDemoContacts);
        Assert.Equal(["--Database:Provider", "Sqlite"], command.HostArguments);
    }

    [Fact]
    public void SeedDemo_TakesAnEventTarget_ForTheDashboardsBench()
    {
        var command = AppCommand.Parse(["seed-demo", "--contacts", "1000000", "--events", "3000000"]);
        Assert.Equal((1_000_000, 3_000_000L), (command.SeedDemoContacts, command.SeedDemoEvents));
        Assert.Null(AppCommand.Parse(["seed-demo", "--contacts", "10"]).SeedDemoEvents);
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() => AppCommand.Parse(["seed-demo", "--events", "many"])).Message);
    }

    [Fact]
    public void SeedDemo_WithoutACount_SeedsTheDefault() =>
        Assert.Equal(AppCommand.DefaultDemoContacts, AppCommand.Parse(["seed-demo"]).SeedDemoContacts);

    [Fact]
    public void SeedDemo_WithAWrongCount_SaysWhy() =>
        Assert.Contains("whole number", Assert.Throws<ArgumentException>(() => AppCommand.Parse(["seed-demo", "--contacts", "lots"])).Message);
}
