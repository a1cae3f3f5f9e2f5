"""The search index: citable units (`units`), their vectors (`vectors`, `encoders/`) and
keywords (`keywords`), written as one checked build folder (`build`, `store`).
"""
