;;;; Emacs init file

;;; This file sets user name and mail address
;;; and loads the configuration files in ~/.emacs.d/config.

;; Set user and mail address
(setq user-full-name "Chiara Ferrante")
(setq user-mail-address "chiara@ferrante.it")

;; Set separate custom file for the customize interface
(setq custom-file "~/.emacs.d/custom.el")
(load custom-file)

;; Load all ".el" files under ~/.emacs.d/config directory.
(load "~/.emacs.d/load-directory")
(load-directory "~/.emacs.d/config")
