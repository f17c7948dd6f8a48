;;; init.el -*- lexical-binding: t -*-
;; shared between the Mac at work, the Linux desktop and the WSL box

(defconst *is-mac* (eq system-type 'darwin))
(defconst *is-linux* (eq system-type 'gnu/linux))
(defconst *is-windows* (memq system-type '(windows-nt ms-dos cygwin)))

(setq user-full-name "Chloé Martin")

(cond
 (*is-mac*
  (setq mac-command-modifier 'meta
        mac-option-modifier 'super)
  (setq user-mail-address "chloe.martin@agency.fr"
        smtpmail-smtp-server "smtp.office365.com"
        smtpmail-smtp-service 587))
 (*is-linux*
  (setq user-mail-address "chloe@martin.fr"
        smtpmail-smtp-server "ssl0.ovh.net"
        smtpmail-smtp-service 465
        smtpmail-stream-type 'ssl))
 (t
  (setq user-mail-address "chloe@martin.fr")))

(when (string= (system-name) "chloe-work-mbp")
  (setq smtpmail-smtp-user "cmartin"))

(if (display-graphic-p)
    (progn
      (set-frame-font "Menlo 13" nil t)
      (setq mu4e-view-show-images t))
  (setq mu4e-view-show-images nil))

(when (executable-find "mu")
  (require 'mu4e nil t)
  (setq mu4e-get-mail-command "mbsync -a"
        mu4e-update-interval 900))

(when (executable-find "msmtp")
  (setq sendmail-program (executable-find "msmtp")))

(setq send-mail-function
      (if (executable-find "msmtp") 'sendmail-send-it 'smtpmail-send-it))

(when (and *is-linux* (getenv "WSL_DISTRO_NAME"))
  (setq browse-url-generic-program "wslview"))

(unless (version< emacs-version "27.1")
  (setq message-send-mail-function 'message-use-send-mail-function))
