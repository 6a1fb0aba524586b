using System.Security.Claims;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Infrastructure.Web;

public static class ConsentActors
{
    /// <summary>The signed-in user as the consent history records them: id and sign-in name.</summary>
    public static ConsentActor AsConsentActor(this ClaimsPrincipal user, ConsentSource source) =>
        new(source, user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name);
}
