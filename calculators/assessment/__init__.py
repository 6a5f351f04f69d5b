"""Assessment of reduction potential (T/CSES 146—2024 6.4): the Django layer.

``selectors`` read the approved accounting results and the opportunity register as frames;
``services`` compute an assessment with :mod:`calculators.core.assessment`, freeze it and record
top management's approval; ``due`` raises the re-assessment item (6.4.2); ``charts`` draws the
marginal abatement cost curve and the forecast as SVG; ``report`` renders the assessment
report (6.4.1 d) as PDF and XLSX; ``views`` are the admin pages.
"""
