;;; init.el --- req-package based configuration  -*- lexical-binding: t -*-

(require 'package)
(setq package-archives '(("gnu" . "https://elpa.gnu.org/packages/")
                         ("melpa" . "https://melpa.org/packages/")))
(package-initialize)

(unless (package-installed-p 'req-package)
  (package-refresh-contents)
  (package-install 'req-package))

(require 'req-package)

(setq user-full-name "Zhang Wei"
      user-mail-address "zhangwei@fastmail.cn")

(req-package sendmail
  :init
  (setq mail-from-style 'angles)
  ;; Insert BCC to self in messages to be sent.
  (setq mail-self-blind t)
  ;; Use the From: header for the envelope-from when sending mail.
  (setq mail-specify-envelope-from t)
  (setq mail-envelope-from 'header)
  (setq send-mail-function 'sendmail-send-it))

(defun $mu4e-compose-mode-hook ()
  (save-excursion
    (let ((bcc-addr (message-field-value "From")))
      (message-add-header (format "Bcc: %s" bcc-addr)))))

(req-package mu4e
  :loader :path
  :init
  (setq mu4e-attachment-dir (expand-file-name "~/Downloads/"))
  (add-hook 'mu4e-compose-mode-hook '$mu4e-compose-mode-hook))

(req-package message
  :init
  (setq message-sendmail-envelope-from 'header
        message-kill-buffer-on-exit t))

(req-package-finish)

;; Outside req-package: these always apply.
(setq sendmail-program "/usr/bin/msmtp")
(setq message-send-mail-function 'message-send-mail-with-sendmail)
(global-set-key (kbd "C-c r") 'recompile)
