using System.Globalization;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>One app shared by the tests of a class; each test works on a sender code of its own.</summary>
public sealed class ImportAppFixture : IAsyncLifetime
{
    private int _nextCode = 40000;

    public AppFactory App { get; } = new();

    public Task<SenderCode> NewSenderCodeAsync() =>
        App.Data.SenderCodeAsync(Interlocked.Increment(ref _nextCode).ToString(CultureInfo.InvariantCulture));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}
