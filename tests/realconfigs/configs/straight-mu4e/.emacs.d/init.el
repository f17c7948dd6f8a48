;;; init.el -*- lexical-binding: t -*-
(setq straight-repository-branch "develop"
      straight-check-for-modifications '(check-on-save find-when-checking))
(defvar bootstrap-version)
(let ((bootstrap-file
       (expand-file-name "straight/repos/straight.el/bootstrap.el" user-emacs-directory))
      (bootstrap-version 5))
  (unless (file-exists-p bootstrap-file)
    (with-current-buffer
        (url-retrieve-synchronously
         "https://raw.githubusercontent.com/raxod502/straight.el/develop/install.el"
         'silent 'inhibit-cookies)
      (goto-char (point-max))
      (eval-print-last-sexp)))
  (load bootstrap-file nil 'nomessage))
(straight-use-package 'use-package)

(setq user-full-name "Mohammed Al-Farsi"
      user-mail-address "mohammed@alfarsi.om")

(use-package mu4e
  :straight (:local-repo "/usr/share/emacs/site-lisp/elpa/mu4e-1.8.14" :type built-in)
  :commands mu4e
  :config
  (setq mu4e-maildir "~/mail"
        mu4e-sent-messages-behavior 'sent
        mu4e-headers-skip-duplicates t))

(use-package smtpmail
  :straight (:type built-in)
  :config
  (setq smtpmail-smtp-server "smtp.alfarsi.om"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls
        send-mail-function 'smtpmail-send-it
        message-send-mail-function 'smtpmail-send-it))
