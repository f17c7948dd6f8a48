;;; init --- Emacs main initialization
;;; Commentary:
;;; Code:

;; Bootstrap Emacs
(add-to-list 'load-path user-emacs-directory)
(add-to-list 'exec-path (concat user-emacs-directory "bin"))
(require 'lib/benchmarking nil t)

;; Set up global constants
(require 'lib/path)
(require 'lib/env)
(defconst *user-home-directory* (concat (expand-file-name "~") "/"))
(defconst *user-data-directory*
  (getenv-or "XDG_DATA_HOME" (path-join *user-home-directory* ".local" "share" "emacs")))
(defconst *user-cache-directory*
  (getenv-or "XDG_CACHE_HOME" (path-join *user-home-directory* ".cache" "emacs")))
(setq custom-file (path-join *user-data-directory* "custom.el"))

;; Package management
(require 'lib/packaging)

;; Configuration
(require 'utilities/smtpmail)
(require 'init-ux nil t)

;; If ~/.emacs.local is available load it last, so that it is possible
;; to add local settings and overrides.
(setq user-local-init (path-join *user-home-directory* ".emacs.local"))
(when (file-exists-p user-local-init)
  (load user-local-init))

;; Load custom after all packages are set up
(when (file-exists-p custom-file)
  (load custom-file))
;;; init.el ends here
