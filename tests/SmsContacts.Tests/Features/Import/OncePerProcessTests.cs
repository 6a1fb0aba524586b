using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

public sealed class OncePerProcessTests
{
    [Fact]
    public void TryEnter_RefusesASecondRunOfTheSameId_UntilTheFirstEnds()
    {
        var running = new OncePerProcess();
        var id = Guid.NewGuid();

        var first = running.TryEnter(id);
        Assert.NotNull(first);
        Assert.Null(running.TryEnter(id));
        Assert.NotNull(running.TryEnter(Guid.NewGuid()));

        first.Dispose();
        Assert.NotNull(running.TryEnter(id));
    }

    [Fact]
    public void TryEnter_KeepsEachKindOfJobApart()
    {
        var imports = new OncePerProcess();
        var undos = new OncePerProcess();
        var id = Guid.NewGuid();

        using var import = imports.TryEnter(id);
        using var undo = undos.TryEnter(id);

        Assert.NotNull(import);
        Assert.NotNull(undo);
    }
}
