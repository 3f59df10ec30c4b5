"""Words stored in one language that our pages show in the reader's (home/workflow_states.py)."""

from django import template

from home import workflow_states

register = template.Library()

register.filter("workflow_label", workflow_states.workflow_label)
register.filter("task_state_label", workflow_states.task_state_label)
