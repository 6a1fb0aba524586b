using SmsContacts.Bench;

// dotnet run -c Release --project bench/SmsContacts.Bench -- <scenario> [options]
// Each scenario prints its measurements and ends with one line: RESULT <scenario> key=value ...
var scenarios = new Dictionary<string, Func<BenchOptions, Task<int>>>
{
    ["grid"] = GridScenario.RunAsync,
    ["dashboard"] = DashboardScenario.RunAsync,
    ["export"] = ExportScenario.RunAsync,
    ["import"] = ImportScenario.RunAsync,
    ["inbound"] = InboundScenario.RunAsync,
};

if (args.Length == 0 || !scenarios.TryGetValue(args[0], out var scenario))
{
    Console.Error.WriteLine($"usage: SmsContacts.Bench <{string.Join('|', scenarios.Keys)}> [--rows N] [--seconds N] [--keep] [--data folder]");
    return 2;
}

return await scenario(BenchOptions.Parse(args[1..]));
