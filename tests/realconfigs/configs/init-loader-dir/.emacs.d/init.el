;;; init.el

(when load-file-name
  (setq-default user-emacs-directory (file-name-directory load-file-name)))

(require 'package)
(add-to-list 'package-archives '("melpa" . "https://melpa.org/packages/"))
(package-initialize)

;; custom-file
(setq custom-file (expand-file-name "emacs-custom.el" user-emacs-directory))

;; init-loader
(custom-set-variables
 '(init-loader-show-log-after-init 'error-only))
(require 'init-loader)
(init-loader-load (concat user-emacs-directory "inits"))

;; A few things that must hold even when init-loader is missing.
(setq user-full-name "Takeshi Mori"
      user-mail-address "takeshi@mori.jp")
(setq mail-host-address "mori.jp")
