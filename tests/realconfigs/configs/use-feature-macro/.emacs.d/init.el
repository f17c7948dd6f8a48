;;; init.el -*- lexical-binding: t -*-

;; straight.el, installed by the bootstrap below
(defvar bootstrap-version)
(let ((bootstrap-file
       (expand-file-name "straight/repos/straight.el/bootstrap.el" user-emacs-directory))
      (bootstrap-version 6))
  (unless (file-exists-p bootstrap-file)
    (with-current-buffer
        (url-retrieve-synchronously
         "https://raw.githubusercontent.com/radian-software/straight.el/develop/install.el"
         'silent 'inhibit-cookies)
      (goto-char (point-max))
      (eval-print-last-sexp)))
  (load bootstrap-file nil 'nomessage))

(straight-use-package 'use-package)

(defmacro use-feature (name &rest args)
  "Like `use-package', for a feature that comes with Emacs."
  (declare (indent defun))
  `(use-package ,name
     :straight (:type built-in)
     ,@args))

(defvar mah-is-mac (eq system-type 'darwin))

;;; epa-file
(use-feature epa-file
  :init
  (when mah-is-mac
    (setq epa-pinentry-mode 'loopback)))

;;; auth-source and pass
(use-feature auth-source-pass
  :demand t
  :config
  (auth-source-pass-enable))

(use-feature auth-source
  :init
  (setq auth-sources '(password-store)))

;;; mail
(use-feature sendmail
  :init
  (setq send-mail-function #'sendmail-send-it
        sendmail-program "/usr/bin/msmtp"))

(use-feature message
  :custom
  (message-send-mail-function #'message-send-mail-with-sendmail)
  (message-sendmail-envelope-from 'header))

(setq user-full-name "Mark Hale"
      user-mail-address "mark@hale.example.com")
