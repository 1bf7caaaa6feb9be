# The stock hook, less the Qt plugins and translations b24admin does not use (qt_selection.py).
from PyInstaller.utils.hooks.qt import add_qt6_dependencies
from qt_selection import keep_data, keep_plugin

hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [(src, dest) for src, dest in binaries if keep_plugin(src, dest)]
datas = [(src, dest) for src, dest in datas if keep_data(src)]
