from django import template

from home.mail import display_name

register = template.Library()

# A person as the site names them: `{{ user|display_name }}`.
register.filter("display_name", display_name)
