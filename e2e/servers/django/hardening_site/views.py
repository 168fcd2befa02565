from django.contrib.auth.decorators import login_required
from django.shortcuts import render


def home(request):
    return render(request, "home.html")


@login_required
def account(request):
    return render(request, "account.html")


def language(request):
    """Shows the form that posts to Django's set_language view, which sets the language cookie."""
    return render(request, "language.html", {"next": "/account/"})
