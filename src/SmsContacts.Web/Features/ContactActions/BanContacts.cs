using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.ContactActions;

/// <summary>Ban (admins): off every list of the sender code, opted out with reason Banned, never to be added again.</summary>
public sealed class BanContacts(ContactConsent consent, ConsentChangeRunner runner)
{
    public async Task<IReadOnlyList<string>> RunAsync(IReadOnlyList<SelectedContact> selected, ConsentActor actor, CancellationToken ct)
    {
        var results = new List<string>();
        foreach (var target in selected)
        {
            results.Add(await runner.RunAsync(target.ContactId, contact =>
            {
                if (contact.OptOutReason == OptOutReason.Banned)
                {
                    return Task.FromResult($"{contact.Phone} was already banned.");
                }

                consent.Ban(contact, actor);
                return Task.FromResult($"{contact.Phone} was banned: removed from every list and moved to Opted-Out (reason Banned).");
            }, ct));
        }

        return results;
    }
}
