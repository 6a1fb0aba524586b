using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace SmsContacts.Web.Infrastructure.Web;

public static class DisplayExtensions
{
    /// <summary>An enum value as the UI words it ([Display(Name)] when set, else its name).</summary>
    public static string DisplayName(this Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name ?? value.ToString();
}
