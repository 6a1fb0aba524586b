using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace SmsContacts.Web.Infrastructure.Web;

public static class DisplayExtensions
{
    /// <summary>An enum value as the UI words it ([Display(Name)] when set, else its name).</summary>
    public static string DisplayName(this Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttribute<DisplayAttribute>()?.Name ?? value.ToString();

    /// <summary>
    /// The options of a select for an enum, as <c>Html.GetEnumSelectList</c> makes them but with each value's name as the
    /// option's value ("OptOut", not "2"): a page's script and its tests read the choice by name, and MVC binds either.
    /// </summary>
    public static IEnumerable<SelectListItem> GetEnumNameSelectList<TEnum>(this IHtmlHelper html)
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Select(value => new SelectListItem(value.DisplayName(), value.ToString()));
}
