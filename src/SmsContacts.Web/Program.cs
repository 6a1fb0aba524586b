using SmsContacts.Web;
using SmsContacts.Web.Features.Demo;
using SmsContacts.Web.Infrastructure;
using SmsContacts.Web.Infrastructure.Hosting;

NativeHeap.LimitArenas();
var command = AppCommand.Parse(args);
var builder = WebApplication.CreateBuilder(command.HostArguments);
builder.AddSmsContacts();
var app = builder.Build();

if (command.SeedDemoContacts is { } contacts)
{
    await AppInitializer.RunAsync(app.Services, CancellationToken.None);
    await DemoSeeder.RunAsync(app.Services, contacts, command.SeedDemoEvents);
    return;
}

if (command.CheckData)
{
    await AppInitializer.RunAsync(app.Services, CancellationToken.None);
    Environment.ExitCode = await DataChecker.RunAsync(app.Services, Console.Out);
    return;
}

app.UseSmsContacts();
await app.RunAsync();

public partial class Program;
