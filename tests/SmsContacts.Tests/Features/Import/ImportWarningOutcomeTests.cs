using System.Text;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// "Rows imported with a warning" lists only rows the import took in. A row with more or fewer cells than the header is
/// read with a warning, but when the writer then skips it (Update existing contacts, not on the list) or ignores it (opted
/// out, banned), it is reported as that, never also as imported with a warning. Random files of numbers in every state,
/// rows of every shape, under every import action.
/// </summary>
public class ImportWarningOutcomeTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    public enum State
    {
        New,
        OnList,
        OtherList,
        OptedOut,
        Banned,
    }

    public enum Shape
    {
        Full,
        Short,
        Long,
    }

    private sealed record Row(State State, Shape Shape);

    private static readonly Gen<(ImportAction Action, Row[] Rows)> Files =
        from action in Gen.Enum<ImportAction>()
        from count in Gen.Int[1, 12]
        from rows in Gen.Select(Gen.Enum<State>(), Gen.Enum<Shape>()).Array[count, count]
        select (action, rows.Select(r => new Row(r.Item1, r.Item2)).ToArray());

    private static bool TakenIn(ImportAction action, State state) => (action, state) switch
    {
        (_, State.OptedOut or State.Banned) => false,
        (ImportAction.UpdateExisting, State.New or State.OtherList) => false,
        _ => true,
    };

    [Fact]
    public async Task AWarning_IsKeptOnlyForARowTheImportTookIn()
    {
        var app = fixture.App;
        await Files.SampleAsync(
            async file =>
            {
                var (action, rows) = file;
                var code = await fixture.NewSenderCodeAsync();
                var vip = await app.Data.ListAsync(code.Id, "VIP");
                var other = await app.Data.ListAsync(code.Id, "Other");
                var now = app.Clock.GetUtcNow().UtcDateTime;
                var csv = new StringBuilder("Phone,First Name,Company\n");
                for (var i = 0; i < rows.Length; i++)
                {
                    var phone = TestPhones.Us(8000 + i);
                    switch (rows[i].State)
                    {
                        case State.OnList:
                            await app.Data.SubscribedAsync(code.Id, phone, now, null, SubscriptionStatus.Active, vip);
                            break;
                        case State.OtherList:
                            await app.Data.SubscribedAsync(code.Id, phone, now, null, SubscriptionStatus.Active, other);
                            break;
                        case State.OptedOut:
                            await app.Data.OptedOutAsync(code.Id, phone, OptOutReason.StopKeyword, now);
                            break;
                        case State.Banned:
                            await app.Data.OptedOutAsync(code.Id, phone, OptOutReason.Banned, now);
                            break;
                    }

                    csv.Append(rows[i].Shape switch
                    {
                        Shape.Short => $"{phone},Name{i}",
                        Shape.Long => $"{phone},Name{i},Acme,extra",
                        _ => $"{phone},Name{i},Acme",
                    }).Append('\n');
                }

                var import = await QueuedImports.QueueAndRunAsync(app, code.Id, action == ImportAction.OptOut ? null : vip, csv.ToString(), [ImportFields.PhoneKey, "first_name", ""], i => i.Settings.Action = action);

                var expected = rows.Select((r, i) => (Row: r, Line: i + 2L)).Where(x => x.Row.Shape != Shape.Full && TakenIn(action, x.Row.State)).Select(x => x.Line).ToList();
                var warned = await app.WithDbAsync(db => db.ImportWarningRows.AsNoTracking().Where(w => w.ImportId == import.Id).OrderBy(w => w.LineNumber).Select(w => w.LineNumber).ToListAsync());
                var notImported = await app.WithDbAsync(db => db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportId == import.Id).Select(r => r.LineNumber).ToListAsync());
                Assert.True(import.Status == ImportStatus.Completed, import.Error);
                Assert.Equal(expected, warned);
                Assert.Equal(expected.Count, import.Counts.WarningRows);
                Assert.Empty(warned.Intersect(notImported));
                Assert.Equal(import.Counts.Processed, import.Counts.AccountedFor);
            },
            iter: 60,
            threads: 1,
            print: f => $"{f.Action}: {string.Join(", ", f.Rows.Select(r => $"{r.State}/{r.Shape}"))}");
    }
}
