"""The desktop app: a thin Qt layer over the ``budgetcalc`` core (which never imports Qt)."""
