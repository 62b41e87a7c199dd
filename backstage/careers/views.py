from django.shortcuts import render


def sector_list(request):
    return render(request, "careers/sector_list.html", {})


def sector_detail(request, code):
    return render(request, "careers/sector_detail.html", {})


def occupation_detail(request, esco_id):
    return render(request, "careers/occupation_detail.html", {})
