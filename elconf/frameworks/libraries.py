"""The package managers' own libraries, as data (see :mod:`elconf.libraries`).

``(require 'package)``, straight's bootstrap, ``(require 'elpaca-autoloads
nil t)``, ``(require 'el-get nil 'noerror)`` ... load these models: their
options get the defaults the real libraries give them (package.el's from
Emacs 28.2's ``package.el``; the others from their upstream sources), and
the feature is provided, so a configuration's "is it installed?" test
answers as on the user's machine.  What their functions do is in the
sibling modules (``package.py``, ``straight.py`` ...).
"""

from __future__ import annotations

from elconf.libraries import LibraryModel, register
from elconf.libraries._helpers import custom, var

#: Models of packages that are not part of Emacs 28.2 nor installed here, so
#: tests/libraries cannot compare them with Emacs: their defaults follow the
#: packages' upstream sources (docs/frameworks.md).
NOT_IN_EMACS = ("straight", "elpaca", "quelpa", "quelpa-use-package", "el-get")

_PACKAGE_AUTOLOADED = (
    custom("package-quickstart-file", '(locate-user-emacs-file "package-quickstart.el")',
           "file", "Where the quickstart file is."),
    var("package--activated", "nil", "Set once installed packages are activated."),
)

PACKAGE = register(LibraryModel(
    feature="package",
    requires=("auth-source",),           # through url-handlers, as (require 'package) in 28.2
    preloaded_variables=_PACKAGE_AUTOLOADED,
    variables=_PACKAGE_AUTOLOADED + (
        custom("package-load-list", "'(all)", "(repeat (choice (const all) (list symbol sexp)))",
               "Which installed packages activation loads."),
        custom("package-archives",
               """'(("gnu" . "https://elpa.gnu.org/packages/")
                    ("nongnu" . "https://elpa.nongnu.org/nongnu/"))""",
               "(alist :key-type (string :tag \"Archive name\") :value-type (string :tag \"URL or directory name\"))",
               "The archives package.el downloads from (28.2: GNU ELPA and NonGNU ELPA)."),
        custom("package-menu-hide-low-priority", "'archive", None, "Package menu filtering."),
        custom("package-archive-priorities", "nil", "(alist :key-type string :value-type integer)",
               "Archive priorities."),
        custom("package-pinned-packages", "nil", "(alist :key-type symbol :value-type string)",
               "Packages pinned to one archive (use-package :pin adds here)."),
        custom("package-gnupghome-dir", '(expand-file-name "gnupg" package-user-dir)',
               "(choice directory (const nil))", "GnuPG home for archive signatures."),
        custom("package-check-signature", "'allow-unsigned", None, "Signature checking."),
        custom("package-unsigned-archives", "nil", "(repeat string)", "Archives without signatures."),
        custom("package-selected-packages", "nil", "(repeat symbol)",
               "Packages the user installed explicitly (custom-set-variables keeps it)."),
        custom("package-native-compile", "nil", "boolean", "Native-compile on install."),
        custom("package-menu-async", "t", "boolean", "Download archives asynchronously."),
        custom("package-quickstart", "nil", "boolean", "Use the precomputed quickstart file."),
        var("package-alist", "nil", "Installed packages (descriptors; not modelled)."),
        var("package-activated-list", "nil", "Names of the activated packages."),
        var("package-archive-contents", "nil", "Archive contents (never downloaded here)."),
        var("package--initialized", "nil", "Set by package-initialize."),
    ),
    functions=("package-list-packages", "list-packages", "package-delete", "package-reinstall",
               "package-desc-version", "package-desc-name", "package-get-descriptor",
               "package--update-selected-packages", "package-menu-mode"),
))

STRAIGHT = register(LibraryModel(
    feature="straight",
    variables=(
        custom("straight-base-dir", "user-emacs-directory", "string", "Where straight keeps its tree."),
        custom("straight-use-package-by-default", "nil", "boolean",
               "Non-nil: use-package installs every package with straight (as :straight t)."),
        custom("straight-repository-branch", '"master"', "string", "straight.el's own branch."),
        custom("straight-vc-git-default-clone-depth", "'full", None, "Clone depth."),
        custom("straight-check-for-modifications", "'(find-at-startup find-when-checking)", None,
               "When straight looks for changed packages."),
        custom("straight-enable-package-integration", "t", "boolean", "Shadow package.el."),
        custom("straight-enable-use-package-integration", "t", "boolean", "Add :straight to use-package."),
        custom("straight-recipes-gnu-elpa-use-mirror", "t", "boolean", "Use the GNU ELPA mirror."),
        custom("straight-built-in-pseudo-packages", "'(emacs nadvice python image-mode project flymake xref)",
               None, "Packages straight treats as built in."),
        var("straight-recipe-repositories", "'(org-elpa melpa gnu-elpa-mirror nongnu-elpa el-get emacsmirror-mirror)",
            "Recipe sources."),
        var("straight-profiles", "'((nil . \"default.el\"))", "Lockfiles."),
        var("straight-current-profile", "nil", "The profile packages are registered in."),
    ),
    functions=("straight-get-recipe", "straight-visit-package", "straight-normalize-all",
               "straight-push-all", "straight-fetch-all", "straight-merge-all"),
))

for _feature in ("straight-x", "straight-ert-print-hack"):
    register(LibraryModel(feature=_feature, requires=("straight",)))

ELPACA = register(LibraryModel(
    feature="elpaca",
    variables=(
        var("elpaca-directory", '(expand-file-name "elpaca/" user-emacs-directory)', "Elpaca's tree."),
        var("elpaca-builds-directory", '(expand-file-name "builds/" elpaca-directory)', "Built packages."),
        var("elpaca-repos-directory", '(expand-file-name "repos/" elpaca-directory)', "Clones."),
        var("elpaca-use-package-by-default", "nil", "Older name for elpaca-use-package-mode's effect."),
        var("elpaca-queues", "nil", "Install queues (never processed here)."),
    ),
))
register(LibraryModel(feature="elpaca-autoloads", requires=("elpaca",)))
register(LibraryModel(feature="elpaca-use-package", requires=("elpaca",)))

QUELPA = register(LibraryModel(
    feature="quelpa",
    variables=(
        custom("quelpa-dir", '(expand-file-name "quelpa" user-emacs-directory)', "directory",
               "quelpa's tree."),
        custom("quelpa-update-melpa-p", "t", "boolean", "Update the MELPA recipes at start-up."),
        custom("quelpa-checkout-melpa-p", "t", "boolean", "Clone the MELPA recipes."),
        custom("quelpa-upgrade-p", "nil", "boolean", "Upgrade packages when quelpa is called."),
        custom("quelpa-self-upgrade-p", "t", "boolean", "Upgrade quelpa itself."),
    ),
))
register(LibraryModel(
    feature="quelpa-use-package", requires=("quelpa",),
    variables=(custom("quelpa-use-package-inhibit-loading-quelpa", "nil", "boolean",
                      "Do not load quelpa for :quelpa."),)))

EL_GET = register(LibraryModel(
    feature="el-get",
    variables=(
        custom("el-get-dir", '(expand-file-name "el-get" user-emacs-directory)', "directory",
               "el-get's tree."),
        custom("el-get-sources", "nil", None, "User recipes."),
        custom("el-get-user-package-directory", "nil", "(choice directory (const nil))",
               "Per-package init files (init-PACKAGE.el)."),
        custom("el-get-recipe-path", "nil", "(repeat directory)", "Recipe directories."),
        custom("el-get-verbose", "nil", "boolean", "Verbose messages."),
    ),
))
